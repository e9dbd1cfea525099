import { Api, GrammyError, HttpError } from 'grammy';
import { ChannelApiError, ChannelNetworkError } from '../../core/errors.ts';

/**
 * Seconds before a Bot API call is abandoned. grammY's default (500 s) is meant for long polling; a send
 * that hangs that long would hold a queue worker, so it fails early as a network error and is retried.
 */
export const TELEGRAM_CALL_TIMEOUT_SECONDS = 30;

/**
 * A Bot API client for one inbox. Cheap to build (no I/O), so it is made per call instead of cached:
 * settings may change while the hub runs.
 */
export function createTelegramApi(settings: { botToken: string; apiRoot: string }): Api {
  return new Api(settings.botToken, { apiRoot: settings.apiRoot, timeoutSeconds: TELEGRAM_CALL_TIMEOUT_SECONDS });
}

/**
 * Runs one Bot API call and translates grammY's two failure classes into the hub's, so the queue decides
 * on retries by class alone:
 * - `GrammyError` (Telegram answered and refused) → ChannelApiError. 429 carries `retry_after`; other 4xx
 *   (bad request, blocked by the user, wrong token, conflict) cannot succeed on retry, so they are
 *   permanent; 5xx are retryable.
 * - `HttpError` (no usable answer: refused connection, timeout, non-JSON gateway page) → ChannelNetworkError.
 * grammY's messages name the method but not the URL, which contains the bot token.
 */
export async function callTelegram<T>(method: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GrammyError) throw toChannelApiError(method, error);
    if (error instanceof HttpError) {
      throw new ChannelNetworkError(`Telegram ${method}: ${error.message}`, { cause: error.error });
    }
    throw error;
  }
}

function toChannelApiError(method: string, error: GrammyError): ChannelApiError {
  const status = error.error_code;
  const retryAfterSeconds = error.parameters.retry_after;
  const permanent = status >= 400 && status < 500 && status !== 429;
  return new ChannelApiError(`Telegram ${method} failed: ${status} ${error.description}`, {
    status,
    apiCode: status,
    permanent,
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  });
}
