/**
 * The Telegram channel: a bot that customers message directly (or in groups).
 *
 * Why not grammY's `webhookCallback`: webhooks go through the hub's own generic receiver
 * (verify → parse → store → 200) like every other channel, so each channel gets the same constant-time
 * secret check and nothing is acknowledged to Telegram before it is stored. (`webhookCallback` also calls
 * `getMe` before checking the secret and acknowledges once the handler returns, whatever it did.)
 * grammY is used for what it does well: the Bot API client, its types and webhook registration.
 */
import type { ChannelAdapter, ChannelFactory } from '../../core/channel-adapter.ts';
import { parseTelegramUpdate } from './parse.ts';
import { sendTelegramMessage } from './send.ts';
import { telegramSettingsSchema, type TelegramSettings } from './settings.ts';
import { verifyTelegramRequest } from './verify.ts';
import { registerWebhook } from './webhook.ts';

export { telegramSettingsSchema, loadTelegramSettings, DEFAULT_TELEGRAM_API_ROOT } from './settings.ts';
export type { TelegramSettings, TelegramSettingsInput } from './settings.ts';
export { registerWebhook, TELEGRAM_ALLOWED_UPDATES } from './webhook.ts';
export { TELEGRAM_SECRET_HEADER } from './verify.ts';

/** sendMessage's limit (characters after entity parsing; we send plain text). */
const TELEGRAM_TEXT_LIMIT = 4096;

/** grammY creates its own HTTP client per call; nothing else is injected yet. */
export function createTelegramAdapter(): ChannelAdapter<TelegramSettings> {
  return {
    kind: 'telegram',
    capabilities: () => ({ textLimit: TELEGRAM_TEXT_LIMIT, buttons: true }),
    verify: (request, inbox) => verifyTelegramRequest(request, inbox.settings),
    parse: (request, inbox) => parseTelegramUpdate(request.body, inbox.id),
    send: (reference, message, inbox, context) => sendTelegramMessage(reference, message, inbox.settings, context),
    registerWebhook: (url, inbox) => registerWebhook(inbox.settings, url),
  };
}

export const telegramAdapter: ChannelAdapter<TelegramSettings> = createTelegramAdapter();

/** The Telegram channel as the hub registers it. */
export const telegramChannel: ChannelFactory<TelegramSettings> = {
  kind: 'telegram',
  settingsSchema: telegramSettingsSchema,
  create: () => createTelegramAdapter(),
};
