import type { z } from 'zod';

/**
 * One line naming each invalid field by its path, e.g. `message.text: Invalid input: expected string`.
 *
 * Why not `error.message`: zod's default message is multi-line JSON; callers put this text in a 400 answer
 * or a start-up ConfigError, where the field path is what the operator needs. Issue messages never echo
 * the rejected value, so secrets and message bodies stay out of logs.
 */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
