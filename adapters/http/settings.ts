import { z } from 'zod';
import { ConfigError } from '../../core/errors.ts';
import { describeZodError } from '../shared/zod-issues.ts';

/** Milliseconds a callback may take before it counts as a network failure (and is retried). */
export const DEFAULT_HTTP_CALLBACK_TIMEOUT_MS = 10_000;

/**
 * One HTTP-channel inbox (a website widget or a customer's own app), validated at start-up.
 *
 * Two secrets, one per direction, so a leaked callback-verification secret cannot be used to forge
 * inbound customer messages. Both are required and at least 16 characters: an HMAC with a guessable key
 * proves nothing.
 */
export const httpChannelSettingsSchema = z.object({
  inboundSecret: z.string().min(16),
  outboundSecret: z.string().min(16),
  callbackUrl: z.url({ protocol: /^https?$/ }),
  /** @defaultValue 10000 */
  timeoutMs: z.number().int().positive().max(120_000).default(DEFAULT_HTTP_CALLBACK_TIMEOUT_MS),
});

export type HttpChannelSettingsInput = z.input<typeof httpChannelSettingsSchema>;

/** Validated settings plus the inbox they belong to: what every adapter function receives. */
export type HttpChannelSettings = z.output<typeof httpChannelSettingsSchema>;

/** Validates raw configuration; throws ConfigError naming the bad fields (never their values). */
export function loadHttpChannelSettings(raw: unknown, inboxId: string): HttpChannelSettings {
  const result = httpChannelSettingsSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(`HTTP channel inbox ${inboxId}: ${describeZodError(result.error)}`);
  }
  return result.data;
}
