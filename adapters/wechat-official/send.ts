import { randomUUID } from 'node:crypto';
import { createAccessTokenCache, readTokenAnswer, tokenStoreKey, type AccessTokenCache, type AccessTokenSource } from '../wechat-shared/access-token.ts';
import { callWeChatJson } from '../wechat-shared/api-errors.ts';
import type { AdapterDependencies, ConversationReference, InboxOf, OutboundMessage, SendContext, SendReceipt } from '../wechat-shared/contract.ts';
import { withNumberedSuggestions } from '../wechat-shared/text.ts';
import type { WeChatOfficialSettings } from './settings.ts';

/** 40001 "invalid credential" on a call (not on stable_token) means the token, as do 40014 and 42001. */
export const OFFICIAL_TOKEN_CODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/**
 * The asynchronous answer: `message/custom/send` text to the OpenID, within the 48-hour window (45015 and
 * 45047 come back permanent). The token comes from `stable_token` (shared by processes; the old `token`
 * endpoint would invalidate the previous token on each call). custom/send returns no message id, so the
 * receipt is our own.
 */
export function createOfficialSender(deps: Pick<AdapterDependencies, 'fetch' | 'now' | 'tokens'>, cache: AccessTokenCache = createAccessTokenCache(deps)) {
  function source(settings: WeChatOfficialSettings): AccessTokenSource {
    return {
      key: tokenStoreKey('wechat_official', settings.appId, settings.appSecret),
      fetchToken: async () => {
        const url = new URL('/cgi-bin/stable_token', settings.apiUrl);
        const body = { grant_type: 'client_credential', appid: settings.appId, secret: settings.appSecret, force_refresh: false };
        return readTokenAnswer('stable_token', await callWeChatJson(deps.fetch, 'stable_token', url, { method: 'POST', body }));
      },
    };
  }
  return async function send(reference: ConversationReference, message: OutboundMessage, inbox: InboxOf<WeChatOfficialSettings>, context?: SendContext): Promise<SendReceipt> {
    const body = { touser: reference.externalUserId, msgtype: 'text', text: { content: withNumberedSuggestions(message.text, message.suggestions) } };
    await cache.withAccessToken(source(inbox.settings), 'message/custom/send', OFFICIAL_TOKEN_CODES, (token) => {
      const url = new URL('/cgi-bin/message/custom/send', inbox.settings.apiUrl);
      url.searchParams.set('access_token', token);
      return callWeChatJson(deps.fetch, 'message/custom/send', url, { method: 'POST', body, ...(context?.signal ? { signal: context.signal } : {}) });
    });
    return { externalMessageId: `custom:${context?.idempotencyKey ?? randomUUID()}` };
  };
}
