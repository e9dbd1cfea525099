import { ConfigError } from '../../core/errors.ts';
import { callTelegram, createTelegramApi } from './api-client.ts';

/**
 * The update types Telegram should deliver. Only `message` becomes a customer message today; asking for
 * nothing else keeps traffic (and ignored-update noise) down. Add types here when `parse` handles them.
 */
export const TELEGRAM_ALLOWED_UPDATES = ['message'] as const;

/** Ports Telegram will deliver webhooks to (setWebhook documentation). */
const WEBHOOK_PORTS = new Set(['443', '80', '88', '8443']);

/**
 * Points the bot's webhook at the hub with `setWebhook`, including the secret Telegram must echo back.
 *
 * `drop_pending_updates: false` so customer messages queued at Telegram while the hub was down (kept up
 * to 24 h) are still delivered after a redeploy. Throws ConfigError for a URL Telegram would refuse, and
 * ChannelApiError / ChannelNetworkError when the call fails.
 */
export async function registerWebhook(
  settings: { botToken: string; apiRoot: string; webhookSecret: string },
  publicUrl: string,
): Promise<void> {
  assertDeliverableUrl(publicUrl);
  const api = createTelegramApi(settings);
  await callTelegram('setWebhook', () =>
    api.setWebhook(publicUrl, {
      secret_token: settings.webhookSecret,
      allowed_updates: [...TELEGRAM_ALLOWED_UPDATES],
      drop_pending_updates: false,
    }),
  );
}

function assertDeliverableUrl(publicUrl: string): void {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new ConfigError('Telegram webhook URL is not a valid URL');
  }
  if (url.protocol !== 'https:') throw new ConfigError('Telegram webhook URL must use HTTPS');
  const port = url.port === '' ? '443' : url.port;
  if (!WEBHOOK_PORTS.has(port)) throw new ConfigError('Telegram webhook URL must use port 443, 80, 88 or 8443');
}
