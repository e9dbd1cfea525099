import { z } from 'zod';
import { ConfigError } from '../../core/errors.ts';
import { describeZodError } from '../shared/zod-issues.ts';

/** Where grammY sends Bot API calls unless an inbox overrides it (tests point it at a loopback server). */
export const DEFAULT_TELEGRAM_API_ROOT = 'https://api.telegram.org';

/**
 * One Telegram inbox's configuration, validated at start-up.
 *
 * `webhookSecret` is required: Telegram sends it back in `X-Telegram-Bot-Api-Secret-Token` on every
 * webhook request, and it is the only proof a request came from Telegram — an inbox without one must
 * refuse to start rather than accept anyone's updates. Its alphabet and length are Telegram's own limits
 * for `setWebhook`'s `secret_token`, so a value Telegram would reject fails here first.
 */
export const telegramSettingsSchema = z.object({
  botToken: z.string().regex(/^\d+:[A-Za-z0-9_-]+$/, 'must look like <bot id>:<secret> as issued by @BotFather'),
  webhookSecret: z
    .string()
    .min(1)
    .max(256)
    .regex(/^[A-Za-z0-9_-]+$/, 'may only contain A-Z, a-z, 0-9, _ and -'),
  /** @defaultValue 'https://api.telegram.org' */
  apiRoot: z
    .url({ protocol: /^https?$/ })
    // grammY throws on a trailing slash; strip it here so configuration cannot trip that at send time.
    .transform((url) => url.replace(/\/+$/, ''))
    .default(DEFAULT_TELEGRAM_API_ROOT),
});

/** Settings as configured (before defaults). */
export type TelegramSettingsInput = z.input<typeof telegramSettingsSchema>;

/** Validated settings plus the inbox they belong to: what every adapter function receives. */
export type TelegramSettings = z.output<typeof telegramSettingsSchema>;

/** Validates raw configuration; throws ConfigError naming the bad fields (never their values). */
export function loadTelegramSettings(raw: unknown, inboxId: string): TelegramSettings {
  const result = telegramSettingsSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(`Telegram inbox ${inboxId}: ${describeZodError(result.error)}`);
  }
  return result.data;
}
