import { AuthenticityError } from '../../core/errors.ts';
import type { RawRequest } from '../../core/channel-adapter.ts';
import { constantTimeEqual } from '../shared/constant-time.ts';
import { readHeader } from '../shared/headers.ts';

/** Header in which Telegram echoes the `secret_token` given to `setWebhook`. */
export const TELEGRAM_SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

/**
 * Accepts a webhook request only if it carries the inbox's webhook secret.
 *
 * Telegram does not sign bodies; the secret header is its whole authenticity scheme, so it is compared in
 * constant time and a missing header is as fatal as a wrong one. No clock is needed: Telegram gives no
 * timestamp to bound replays, and replays are harmless anyway because updates dedupe by message id.
 */
export function verifyTelegramRequest(request: RawRequest, settings: { webhookSecret: string }): void {
  const received = readHeader(request.headers, TELEGRAM_SECRET_HEADER);
  if (received === undefined) {
    throw new AuthenticityError(`missing ${TELEGRAM_SECRET_HEADER} header`);
  }
  if (!constantTimeEqual(received, settings.webhookSecret)) {
    throw new AuthenticityError(`wrong ${TELEGRAM_SECRET_HEADER} header`);
  }
}
