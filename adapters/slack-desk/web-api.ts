import { ChannelApiError, ChannelNetworkError } from '../../core/errors.ts';

/** Seconds before a Web API call is abandoned as a network failure (the caller or queue retries). */
export const SLACK_CALL_TIMEOUT_MS = 30_000;

/** Slack errors that a later retry can fix; every other `ok:false` error is permanent (bad channel, auth…). */
const RETRYABLE_ERRORS = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

export type SlackResult = Record<string, unknown> & { ok: true };

/** The few Web API methods the desk calls, over the injected fetch. */
export interface SlackWebApi {
  call(method: 'auth.test' | 'chat.postMessage' | 'chat.update', params: Record<string, unknown>): Promise<SlackResult>;
}

/**
 * A Web API client on plain fetch: JSON bodies, `Authorization: Bearer` (never a token in the URL).
 *
 * Why not @slack/web-api's WebClient: it runs on axios and cannot take the injected `fetch`, and it retries
 * on its own (up to ~30 minutes on 429), which would hide the failure from the queue that owns retries.
 * Failures are translated once, here: HTTP 429 → ChannelApiError with `retryAfterSeconds`; `ok:false` →
 * ChannelApiError carrying Slack's error string; no answer → ChannelNetworkError.
 */
export function createSlackWebApi(options: { token: string; apiUrl: string; fetch: typeof fetch }): SlackWebApi {
  return {
    async call(method, params) {
      let response: Response;
      try {
        response = await options.fetch(`${options.apiUrl}${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify(params),
          signal: AbortSignal.timeout(SLACK_CALL_TIMEOUT_MS),
        });
      } catch (error) {
        throw new ChannelNetworkError(`Slack ${method}: ${(error as Error).message}`, { cause: error });
      }
      if (response.status === 429) {
        const retryAfter = Number(response.headers.get('retry-after'));
        throw new ChannelApiError(`Slack ${method}: rate limited`, {
          status: 429, apiCode: 'ratelimited', permanent: false,
          ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}),
        });
      }
      const body = await readJson(response, method);
      if (body.ok === true) return body as SlackResult;
      const error = typeof body.error === 'string' ? body.error : `http_${response.status}`;
      throw new ChannelApiError(`Slack ${method} failed: ${error}`, {
        status: response.status, apiCode: error, permanent: !RETRYABLE_ERRORS.has(error) && response.status < 500,
      });
    },
  };
}

async function readJson(response: Response, method: string): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // A gateway error page: no usable answer, like a dropped connection.
  }
  if (response.status >= 500) throw new ChannelNetworkError(`Slack ${method}: HTTP ${response.status} without a JSON answer`);
  throw new ChannelApiError(`Slack ${method}: HTTP ${response.status} without a JSON answer`, { status: response.status, permanent: true });
}
