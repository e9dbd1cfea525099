/**
 * Access tokens (WeCom `gettoken`, Official Account `token` / `stable_token`) cached in the hub's TokenStore,
 * which every process shares, so the frequency-limited token endpoints are called once per expiry, not per
 * send or per process.
 *
 * - Refreshed `refreshMarginSeconds` before the expiry the API announced.
 * - One fetch at a time per key in a process: concurrent senders wait for the same promise.
 * - `withAccessToken` retries a call once with a fresh token when the API says the token is invalid or
 *   expired (another process may have forced a refresh, or the store holds a token the vendor revoked).
 * - Tokens are never logged and never put in error messages: callers only see ChannelApiError codes.
 */
import { createHash } from 'node:crypto';
import type { TokenStore } from './contract.ts';
import { ChannelNetworkError } from '../../core/errors.ts';
import { assertWeChatOk, isTokenRejected, type WeChatJson } from './api-errors.ts';

/** What a token endpoint returned. */
export interface FetchedToken {
  token: string;
  expiresInSeconds: number;
}

export interface AccessTokenSource {
  /** The TokenStore key; must not contain the secret (see `tokenStoreKey`). */
  key: string;
  /** Calls the token endpoint; throws the mapped ChannelApiError/ChannelNetworkError on failure. */
  fetchToken(): Promise<FetchedToken>;
}

export interface AccessTokenCache {
  /** A token valid for at least the refresh margin. */
  get(source: AccessTokenSource): Promise<string>;
  /** Drops `token` from the store if it is still the stored one (so a newer token from elsewhere survives). */
  invalidate(source: AccessTokenSource, token: string): Promise<void>;
  /**
   * Runs `call` with a token; if its answer's errcode is in `tokenCodes`, invalidates, fetches a fresh token
   * and runs it once more. The final answer is checked: a non-zero errcode throws the mapped error.
   */
  withAccessToken(source: AccessTokenSource, api: string, tokenCodes: ReadonlySet<number>, call: (token: string) => Promise<WeChatJson>): Promise<WeChatJson>;
}

/** @defaultValue 300 s: WeChat's stable_token also overlaps old and new tokens for 5 minutes. */
export const DEFAULT_REFRESH_MARGIN_SECONDS = 300;

/** A store key naming the account without revealing its secret: `<prefix>:<account>:<sha256(secret) prefix>`. */
export function tokenStoreKey(prefix: string, account: string, secret: string): string {
  const secretId = createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 16);
  return `${prefix}:${account}:${secretId}`;
}

export function createAccessTokenCache(deps: {
  tokens: TokenStore;
  now: () => Date;
  refreshMarginSeconds?: number;
}): AccessTokenCache {
  const marginMs = (deps.refreshMarginSeconds ?? DEFAULT_REFRESH_MARGIN_SECONDS) * 1000;
  const inFlight = new Map<string, Promise<string>>();

  async function fetchAndStore(source: AccessTokenSource): Promise<string> {
    const fetched = await source.fetchToken();
    const lifetimeMs = Math.max(0, fetched.expiresInSeconds * 1000);
    await deps.tokens.set(source.key, fetched.token, new Date(deps.now().getTime() + lifetimeMs));
    return fetched.token;
  }

  async function get(source: AccessTokenSource): Promise<string> {
    const stored = await deps.tokens.get(source.key);
    if (stored && stored.expiresAt.getTime() - marginMs > deps.now().getTime()) return stored.value;
    return refresh(source);
  }

  function refresh(source: AccessTokenSource): Promise<string> {
    const running = inFlight.get(source.key);
    if (running) return running;
    const started = fetchAndStore(source).finally(() => inFlight.delete(source.key));
    inFlight.set(source.key, started);
    return started;
  }

  async function invalidate(source: AccessTokenSource, token: string): Promise<void> {
    const stored = await deps.tokens.get(source.key);
    if (stored?.value === token) await deps.tokens.delete(source.key);
  }

  async function withAccessToken(
    source: AccessTokenSource,
    api: string,
    tokenCodes: ReadonlySet<number>,
    call: (token: string) => Promise<WeChatJson>,
  ): Promise<WeChatJson> {
    const token = await get(source);
    let answer = await call(token);
    if (isTokenRejected(answer.errcode, tokenCodes)) {
      await invalidate(source, token);
      answer = await call(await refresh(source));
    }
    assertWeChatOk(api, answer);
    return answer;
  }

  return { get, invalidate, withAccessToken };
}

/** Reads a token endpoint's answer (both vendors: `access_token` + `expires_in`). */
export function readTokenAnswer(api: string, json: WeChatJson): FetchedToken {
  assertWeChatOk(api, json);
  const token = json.access_token;
  const expiresIn = json.expires_in;
  if (typeof token !== 'string' || token === '' || typeof expiresIn !== 'number' || !(expiresIn > 0)) {
    throw new ChannelNetworkError(`${api} answered without access_token / expires_in`);
  }
  return { token: token as string, expiresInSeconds: expiresIn as number };
}
