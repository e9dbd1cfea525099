import { z } from 'zod';
import { apiUrlSchema, appSecretSchema, callbackTokenSchema, encodingAesKeySchema } from '../wechat-shared/settings.ts';

export const DEFAULT_WECHAT_KF_API_URL = 'https://qyapi.weixin.qq.com';

/**
 * One WeChat customer service (微信客服) inbox, reached through the WeCom self-built app configured under
 * 微信客服 → 可调用接口的应用 (its secret; the old kf system secret no longer works for new corps).
 * `openKfId` limits the inbox to one kf account; without it every account of the corp lands here.
 */
export const wechatKfSettingsSchema = z.object({
  corpId: z.string().regex(/^w[wx][A-Za-z0-9]{8,32}$/, 'must be the corp id (ww… or wx…)'),
  secret: appSecretSchema,
  token: callbackTokenSchema,
  encodingAesKey: encodingAesKeySchema,
  openKfId: z.string().regex(/^wk[A-Za-z0-9_-]{1,64}$/, 'must be a kf account id (wk…)').optional(),
  /** @defaultValue 'https://qyapi.weixin.qq.com' */
  apiUrl: apiUrlSchema(DEFAULT_WECHAT_KF_API_URL),
});

export type WeChatKfSettings = z.output<typeof wechatKfSettingsSchema>;
export type WeChatKfSettingsInput = z.input<typeof wechatKfSettingsSchema>;
