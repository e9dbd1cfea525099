import { z } from 'zod';
import { ConfigError } from '../../core/errors.ts';
import { describeZodError } from '../shared/zod-issues.ts';

export const DEFAULT_WECOM_API_URL = 'https://qyapi.weixin.qq.com';

/**
 * The WeCom agent desk's configuration (issue 19). The callback secrets are required (no unsigned
 * callbacks), and exactly one place to post escalations: an appchat group the app created, or a group
 * robot webhook (send-only; its URL is a credential and is never logged).
 */
export const weComDeskSettingsSchema = z
  .object({
    corpId: z.string().regex(/^w[wx][A-Za-z0-9]{8,30}$/, 'must be the corp id (ww…)'),
    agentId: z.coerce.number().int().positive(),
    secret: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be the app secret from the console'),
    token: z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'must be 3-32 letters or digits'),
    encodingAesKey: z.string().regex(/^[A-Za-z0-9]{43}$/, 'must be exactly 43 characters [A-Za-z0-9]'),
    agentChatId: z.string().regex(/^[0-9a-zA-Z]{1,32}$/, 'must be an appchat chatid (≤32 letters/digits)').optional(),
    groupRobotUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** @defaultValue 'https://qyapi.weixin.qq.com' */
    apiUrl: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')).default(DEFAULT_WECOM_API_URL),
  })
  .refine((s) => (s.agentChatId === undefined) !== (s.groupRobotUrl === undefined), {
    message: 'set exactly one of WECOM_AGENT_CHAT_ID or WECOM_GROUP_ROBOT_URL',
    path: ['agentChatId'],
  });

export type WeComDeskSettings = z.output<typeof weComDeskSettingsSchema>;

const ENV = {
  corpId: 'WECOM_CORP_ID',
  agentId: 'WECOM_AGENT_ID',
  secret: 'WECOM_SECRET',
  token: 'WECOM_TOKEN',
  encodingAesKey: 'WECOM_ENCODING_AES_KEY',
  agentChatId: 'WECOM_AGENT_CHAT_ID',
  groupRobotUrl: 'WECOM_GROUP_ROBOT_URL',
  apiUrl: 'WECOM_API_URL',
} as const;

/** undefined when no WECOM_ variable is set; ConfigError naming the variables (never values) when incomplete. */
export function readWeComDeskSettings(env: Readonly<Record<string, string | undefined>>): WeComDeskSettings | undefined {
  const raw = Object.fromEntries(Object.entries(ENV).map(([field, name]) => [field, env[name] === '' ? undefined : env[name]]));
  if (Object.values(raw).every((value) => value === undefined)) return undefined;
  const result = weComDeskSettingsSchema.safeParse(raw);
  if (!result.success) {
    const named = describeZodError(result.error).replace(
      /\b(corpId|agentId|secret|token|encodingAesKey|agentChatId|groupRobotUrl|apiUrl)\b(?=:)/g,
      (field) => ENV[field as keyof typeof ENV],
    );
    throw new ConfigError(`WeCom agent desk: ${named}`);
  }
  return result.data;
}
