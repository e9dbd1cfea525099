/**
 * Calls to the WeCom API (qyapi) with a cached self-built-app access token: shared by the WeCom app channel
 * and WeChat customer service, which since 2023-12 must use the self-built app's token.
 */
import { createAccessTokenCache, readTokenAnswer, tokenStoreKey, type AccessTokenCache, type AccessTokenSource } from './access-token.ts';
import { callWeChatJson, type WeChatJson } from './api-errors.ts';
import type { AdapterDependencies } from './contract.ts';

/** 40014 invalid and 42001 expired token: refresh once. (40001 is a wrong secret on WeCom: permanent.) */
export const WECOM_TOKEN_CODES: ReadonlySet<number> = new Set([40014, 42001]);

export interface WeComCredentials {
  apiUrl: string;
  corpId: string;
  secret: string;
}

export interface WeComClient {
  post(api: string, credentials: WeComCredentials, body: Json, signal?: AbortSignal): Promise<WeChatJson>;
}
type Json = Record<string, unknown>;

export function createWeComClient(deps: Pick<AdapterDependencies, 'fetch' | 'now' | 'tokens'>, cache: AccessTokenCache = createAccessTokenCache(deps)): WeComClient {
  function source(credentials: WeComCredentials): AccessTokenSource {
    return {
      key: tokenStoreKey('wecom', credentials.corpId, credentials.secret),
      fetchToken: async () => {
        const url = new URL('/cgi-bin/gettoken', credentials.apiUrl);
        url.searchParams.set('corpid', credentials.corpId);
        url.searchParams.set('corpsecret', credentials.secret);
        return readTokenAnswer('gettoken', await callWeChatJson(deps.fetch, 'gettoken', url, { method: 'GET' }));
      },
    };
  }
  return {
    post: (api, credentials, body, signal) =>
      cache.withAccessToken(source(credentials), api, WECOM_TOKEN_CODES, (token) => {
        const url = new URL(`/cgi-bin/${api}`, credentials.apiUrl);
        url.searchParams.set('access_token', token);
        return callWeChatJson(deps.fetch, api, url, { method: 'POST', body, ...(signal ? { signal } : {}) });
      }),
  };
}
