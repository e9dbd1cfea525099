import { z } from 'zod';
import { apiUrlSchema, appSecretSchema, callbackTokenSchema, encodingAesKeySchema } from '../wechat-shared/settings.ts';

export const DEFAULT_WECOM_API_URL = 'https://qyapi.weixin.qq.com';

/**
 * One WeCom self-built app inbox (employees as customers). Every secret is required: the callback is
 * encrypted and signed, and an app without its Token/EncodingAESKey must refuse to start, not accept all.
 */
export const wecomSettingsSchema = z.object({
  corpId: z.string().regex(/^w[wx][A-Za-z0-9]{8,32}$/, 'must be the corp id (ww… or wx…)'),
  agentId: z.coerce.number().int().positive(),
  secret: appSecretSchema,
  token: callbackTokenSchema,
  encodingAesKey: encodingAesKeySchema,
  /** @defaultValue 'https://qyapi.weixin.qq.com' */
  apiUrl: apiUrlSchema(DEFAULT_WECOM_API_URL),
});

export type WeComSettings = z.output<typeof wecomSettingsSchema>;
export type WeComSettingsInput = z.input<typeof wecomSettingsSchema>;
