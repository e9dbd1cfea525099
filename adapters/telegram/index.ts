/**
 * The Telegram channel: a bot that customers message directly (or in groups).
 *
 * Why not grammY's `webhookCallback`: webhooks go through the hub's own generic receiver
 * (verify → parse → store → 200) like every other channel, so each channel gets the same constant-time
 * secret check and nothing is acknowledged to Telegram before it is stored. (`webhookCallback` also calls
 * `getMe` before checking the secret and acknowledges once the handler returns, whatever it did.)
 * grammY is used for what it does well: the Bot API client, its types and webhook registration.
 */
import type { ChannelAdapter } from '../../core/channel-adapter.ts';
import { parseTelegramUpdate } from './parse.ts';
import { sendTelegramMessage } from './send.ts';
import type { TelegramSettings } from './settings.ts';
import { verifyTelegramRequest } from './verify.ts';
import { registerWebhook } from './webhook.ts';
import { boundInboxId } from '../shared/inbox-binding.ts';

export { telegramSettingsSchema, loadTelegramSettings, DEFAULT_TELEGRAM_API_ROOT } from './settings.ts';
export type { TelegramSettings, TelegramSettingsInput } from './settings.ts';
export { registerWebhook, TELEGRAM_ALLOWED_UPDATES } from './webhook.ts';
export { TELEGRAM_SECRET_HEADER } from './verify.ts';

export const telegramAdapter: ChannelAdapter<TelegramSettings> = {
  kind: 'telegram',
  verify: (request, settings) => verifyTelegramRequest(request, settings),
  parse: (request, settings) => parseTelegramUpdate(request.body, boundInboxId(settings)),
  send: (reference, message, settings, context) => sendTelegramMessage(reference, message, settings, context),
  registerWebhook: (url, settings) => registerWebhook(settings, url),
};
