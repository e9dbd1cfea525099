import { z } from 'zod';
import { ConfigError } from '../../core/errors.ts';
import { describeZodError } from '../shared/zod-issues.ts';

/** Slack's Web API base unless SLACK_API_URL overrides it (tests point it at a loopback server). */
export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

/**
 * The Slack agent desk's configuration, validated at start-up.
 *
 * All three secrets/ids are required once the desk is configured at all: without the signing secret every
 * request would have to be trusted, without the token or channel no card can be posted, so a half-configured
 * desk stops the hub instead of silently dropping escalations.
 */
export const slackDeskSettingsSchema = z.object({
  botToken: z.string().regex(/^xox[a-z]-[A-Za-z0-9-]+$/, 'must be a Slack bot token (xoxb-…)'),
  signingSecret: z.string().regex(/^[A-Za-z0-9]{16,}$/, 'must be the app\'s signing secret (hex, from Basic Information)'),
  agentChannel: z.string().regex(/^[CGD][A-Z0-9]{2,}$/, 'must be a channel id such as C0123456789 (not a #name)'),
  /** @defaultValue 'https://slack.com/api/' */
  apiUrl: z
    .url({ protocol: /^https?$/ })
    // Methods are appended to it (`${apiUrl}chat.postMessage`), so it must end with a slash.
    .transform((url) => (url.endsWith('/') ? url : `${url}/`))
    .default(DEFAULT_SLACK_API_URL),
});

export type SlackDeskSettings = z.output<typeof slackDeskSettingsSchema>;

/** The environment variables the issue names; the desk is off only when none of them is set. */
const ENV = {
  botToken: 'SLACK_BOT_TOKEN',
  signingSecret: 'SLACK_SIGNING_SECRET',
  agentChannel: 'SLACK_AGENT_CHANNEL',
  apiUrl: 'SLACK_API_URL',
} as const;

/**
 * Reads the desk's settings from the environment: undefined when Slack is not configured, ConfigError
 * (naming the variables, never their values) when it is configured incompletely or wrongly.
 */
export function readSlackDeskSettings(env: Readonly<Record<string, string | undefined>>): SlackDeskSettings | undefined {
  const raw = Object.fromEntries(
    Object.entries(ENV).map(([field, name]) => [field, env[name] === '' ? undefined : env[name]]),
  );
  if (Object.values(raw).every((value) => value === undefined)) return undefined;
  const result = slackDeskSettingsSchema.safeParse(raw);
  if (!result.success) {
    const named = describeZodError(result.error).replace(/\b(botToken|signingSecret|agentChannel|apiUrl)\b/g, (field) => ENV[field as keyof typeof ENV]);
    throw new ConfigError(`Slack agent desk: ${named}`);
  }
  return result.data;
}
