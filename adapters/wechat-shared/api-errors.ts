/**
 * WeChat / WeCom API answers translated once into the hub's error classes, so the queue decides on retries by
 * class: busy and rate-limit codes are retryable, everything the account or the customer must fix is permanent
 * with a readable reason. Messages name the API and code, never the URL (it carries the access_token).
 */
import { ChannelApiError, ChannelNetworkError } from '../../core/errors.ts';

/** Every JSON answer of both APIs: HTTP 200 with `errcode` 0 on success (absent on some token answers). */
export interface WeChatJson {
  errcode?: number;
  errmsg?: string;
  [field: string]: unknown;
}

/** Codes worth a retry: system busy and frequency limits. */
const RETRYABLE_CODES: ReadonlySet<number> = new Set([-1, 45009, 45011, 45033]);

/** Readable reasons for permanent failures an operator or agent will see on the message. */
const REASONS: Readonly<Record<number, string>> = {
  40001: 'invalid credential: wrong secret, or an access token from another account',
  40003: 'invalid openid: the user is not a follower of this account',
  40013: 'invalid corpid / appid',
  40014: 'invalid access_token',
  40125: 'invalid app secret',
  40164: 'calling IP is not in the account API IP whitelist',
  41001: 'access_token missing',
  42001: 'access_token expired',
  43004: 'the user has unfollowed the account',
  45015: 'outside the 48-hour reply window, or the user unfollowed',
  45047: 'out of the reply count allowed per customer message',
  48001: 'API not authorized for this account (customer-service permission needed)',
  60011: 'no privilege: check the app visibility',
  60020: 'server IP not in the app trusted IPs',
  81013: 'every receiver is invalid or outside the app visibility',
  95001: 'kf send_msg not allowed: quota for this customer message used up, or outside 48 hours',
  95007: 'kf message token invalid or expired',
  95011: 'kf account already used in the WeCom client',
  95013: 'kf session already ended',
  95014: 'kf servicer not active',
  95016: 'kf session state does not allow this operation (a person is serving)',
  95017: 'kf API disabled by the account',
};

/** Whether `code` says the access token itself was rejected (refresh once and retry). */
export function isTokenRejected(code: number | undefined, tokenCodes: ReadonlySet<number>): boolean {
  return code !== undefined && tokenCodes.has(code);
}

/** The ChannelApiError for a non-zero errcode. */
export function weChatApiError(api: string, code: number, errmsg: string | undefined): ChannelApiError {
  const retryable = RETRYABLE_CODES.has(code);
  const reason = REASONS[code] ?? (retryable ? 'busy or rate limited' : 'refused');
  // errmsg may echo request values (ids, never the token, which travels in the URL); keep only its first words.
  const detail = errmsg ? ` (${errmsg.slice(0, 80)})` : '';
  return new ChannelApiError(`${api} failed: errcode ${code}, ${reason}${detail}`, {
    status: 200,
    apiCode: code,
    permanent: !retryable,
  });
}

/** Throws the mapped error unless the answer is a success. */
export function assertWeChatOk(api: string, json: WeChatJson): void {
  const code = json.errcode ?? 0;
  if (code !== 0) throw weChatApiError(api, code, json.errmsg);
}

/**
 * One HTTP call to a WeChat JSON API. Network failures and unreadable answers are ChannelNetworkError, 5xx and
 * 429 retryable ChannelApiError, other non-200 permanent. The errcode is left to the caller (token refresh
 * needs to see 40014/42001 before mapping).
 */
export async function callWeChatJson(
  fetchFn: typeof fetch,
  api: string,
  url: URL,
  init: { method: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal },
): Promise<WeChatJson> {
  let response: Response;
  try {
    response = await fetchFn(url, {
      method: init.method,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } } : {}),
      signal: init.signal ?? AbortSignal.timeout(15_000),
      redirect: 'manual',
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'could not connect';
    // The cause (undici's error) may contain the URL with the access token, so it is not attached.
    throw new ChannelNetworkError(`${api} ${reason}`);
  }
  const text = await response.text().catch(() => undefined);
  if (response.status !== 200) {
    const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
    throw new ChannelApiError(`${api} answered HTTP ${response.status}`, { status: response.status, permanent: !retryable });
  }
  if (text === undefined) throw new ChannelNetworkError(`${api} answer was cut off`);
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('not an object');
    return json as WeChatJson;
  } catch {
    throw new ChannelNetworkError(`${api} answered something that is not JSON`);
  }
}
