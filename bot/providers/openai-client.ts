/**
 * The one place that talks HTTP to an OpenAI-compatible API (OpenAI, Azure-style gateways, vLLM, Ollama,
 * DeepSeek, Qwen …). Providers are optional and off by default; when configured, every call has a timeout
 * and fails with one of three error classes so callers can fall back without reading messages. The API key
 * only ever goes into the Authorization header: never into a URL, an error message or a log line.
 */
import type { CodedError } from '../../core/errors.ts';

/** Connection settings for one OpenAI-compatible endpoint. */
export interface OpenAiSettings {
  /** e.g. `https://api.openai.com/v1`; paths such as `/embeddings` are appended. */
  baseUrl: string;
  apiKey: string;
  model: string;
  /** Abandon a call after this long. @defaultValue 10000 */
  timeoutMs?: number;
}

/** Injected so tests and the host choose the transport. @defaultValue globalThis.fetch */
export type FetchFn = typeof fetch;

/** The API answered with an error status (401 bad key, 429 rate limit, 5xx …). */
export class ProviderApiError extends Error implements CodedError {
  readonly code = 'provider_api';
  constructor(
    message: string,
    readonly details: { status: number; apiCode?: string; apiType?: string; retryAfterSeconds?: number },
  ) {
    super(message);
  }
}

/** No answer in time, or no connection. */
export class ProviderNetworkError extends Error implements CodedError {
  readonly code = 'provider_network';
  constructor(message: string, readonly timedOut: boolean, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The API answered 2xx but not in the documented shape. */
export class ProviderResponseError extends Error implements CodedError {
  readonly code = 'provider_response';
}

/** Every way a provider call can fail; callers fall back on any of them. */
export type ProviderError = ProviderApiError | ProviderNetworkError | ProviderResponseError;

/** True for provider failures (fall back), false for bugs in our code (let them surface). */
export function isProviderError(error: unknown): error is ProviderError {
  return error instanceof ProviderApiError || error instanceof ProviderNetworkError || error instanceof ProviderResponseError;
}

/** Checks settings once, at construction, so a misconfigured provider fails at start-up, not per call. */
export function checkSettings(settings: OpenAiSettings): void {
  if (!/^https?:\/\/[^/]/.test(settings.baseUrl)) throw new Error('provider baseUrl must be an http(s) URL');
  if (settings.apiKey.trim() === '') throw new Error('provider apiKey is required');
  if (settings.model.trim() === '') throw new Error('provider model is required');
}

/** POSTs JSON to `{baseUrl}{path}` and returns the parsed JSON body of a 2xx answer. */
export async function postJson(
  settings: OpenAiSettings,
  fetchFn: FetchFn,
  path: string,
  body: unknown,
): Promise<unknown> {
  const url = `${settings.baseUrl.replace(/\/+$/, '')}${path}`;
  const timeoutMs = settings.timeoutMs ?? 10_000;
  let response: Response;
  let text: string;
  try {
    response = await fetchFn(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${settings.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const what = timedOut ? `no answer within ${timeoutMs} ms` : 'request failed';
    throw new ProviderNetworkError(`POST ${path}: ${what}`, timedOut, { cause: error });
  }
  if (!response.ok) throw apiError(path, response, text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProviderResponseError(`POST ${path}: answer is not JSON`);
  }
}

/**
 * Reads OpenAI's `{ error: { message, type, code } }`. Only `type` and `code` go into our message: the
 * provider's own message can echo part of the key ("Incorrect API key provided: sk-…").
 */
function apiError(path: string, response: Response, text: string): ProviderApiError {
  let apiCode: string | undefined;
  let apiType: string | undefined;
  try {
    const error = (JSON.parse(text) as { error?: { code?: unknown; type?: unknown } }).error;
    if (typeof error?.code === 'string') apiCode = error.code;
    if (typeof error?.type === 'string') apiType = error.type;
  } catch {
    // A gateway's HTML error page: the status alone has to do.
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ProviderApiError(`POST ${path}: HTTP ${response.status}${apiCode ? ` (${apiCode})` : ''}`, {
    status: response.status,
    ...(apiCode !== undefined ? { apiCode } : {}),
    ...(apiType !== undefined ? { apiType } : {}),
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  });
}
