import { z } from 'zod';
import { apiUrlSchema, appSecretSchema, callbackTokenSchema, encodingAesKeySchema } from '../wechat-shared/settings.ts';

export const DEFAULT_WECHAT_OFFICIAL_API_URL = 'https://api.weixin.qq.com';

/**
 * One Official Account inbox. `mode` is the console's message encryption mode: `plain` (明文), `compatible`
 * (兼容: plain or encrypted pushes) or `safe` (安全: encrypted only, replies encrypted). The signature is
 * checked in every mode; `compatible` and `safe` need the EncodingAESKey. Without `mode`, an inbox with a
 * key runs `safe`, one without runs `plain`.
 * `menu` maps a CLICK menu's EventKey to what the click stands for: a text (an FAQ question, or "转人工"),
 * which flows through the bot like the customer typing it, or an action — `{"action":"human"}` hands the
 * customer to a person, `{"action":"faq","faqId":"…"}` answers with that FAQ — with an optional `text`, the
 * words agents see for the click (default `[menu KEY]`).
 */
const menuText = z.string().min(1).max(500);
const menuEntrySchema = z.union([
  menuText,
  z.strictObject({ action: z.literal('human'), text: menuText.optional() }),
  z.strictObject({ action: z.literal('faq'), faqId: z.string().min(1).max(128), text: menuText.optional() }),
]);

/** One menu key's meaning as the parser reads it. */
export type MenuEntry = z.output<typeof menuEntrySchema>;

export const wechatOfficialSettingsSchema = z
  .object({
    appId: z.string().regex(/^wx[0-9a-f]{16}$/, 'must be the AppID (wx + 16 hex)'),
    appSecret: appSecretSchema,
    token: callbackTokenSchema,
    encodingAesKey: encodingAesKeySchema.optional(),
    mode: z.enum(['plain', 'compatible', 'safe']).optional(),
    menu: z.record(z.string().min(1).max(128), menuEntrySchema).default({}),
    /** @defaultValue 'https://api.weixin.qq.com' */
    apiUrl: apiUrlSchema(DEFAULT_WECHAT_OFFICIAL_API_URL),
  })
  .refine((settings) => settings.mode === undefined || settings.mode === 'plain' || settings.encodingAesKey !== undefined, {
    message: 'compatible and safe mode need encodingAesKey',
    path: ['encodingAesKey'],
  })
  .transform((settings) => ({ ...settings, mode: settings.mode ?? (settings.encodingAesKey ? 'safe' : 'plain') }));

export type WeChatOfficialSettings = z.output<typeof wechatOfficialSettingsSchema>;
export type WeChatOfficialSettingsInput = z.input<typeof wechatOfficialSettingsSchema>;
