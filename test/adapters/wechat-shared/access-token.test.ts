import { describe, expect, it } from 'vitest';
import { ChannelApiError } from '../../../core/errors.ts';
import { createAccessTokenCache, tokenStoreKey, type AccessTokenSource } from '../../../adapters/wechat-shared/access-token.ts';
import { createMemoryTokenStore } from '../../support/memory-token-store.ts';

function setup() {
  let clock = new Date('2025-01-01T00:00:00Z');
  const tokens = createMemoryTokenStore();
  const cache = createAccessTokenCache({ tokens, now: () => clock });
  let fetches = 0;
  const source: AccessTokenSource = {
    key: tokenStoreKey('wecom', 'ww1', 'secret-value-123456'),
    fetchToken: async () => {
      fetches += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { token: `token-${fetches}`, expiresInSeconds: 7200 };
    },
  };
  return { tokens, cache, source, fetches: () => fetches, advance: (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000)) };
}

describe('access-token cache', () => {
  it('fetches once for concurrent callers and reuses the stored token until the refresh margin', async () => {
    const t = setup();
    const got = await Promise.all([t.cache.get(t.source), t.cache.get(t.source), t.cache.get(t.source)]);
    expect(got).toEqual(['token-1', 'token-1', 'token-1']);
    expect(t.fetches()).toBe(1);
    t.advance(7200 - 301);
    expect(await t.cache.get(t.source)).toBe('token-1');
    t.advance(2);
    expect(await t.cache.get(t.source)).toBe('token-2');
  });
  it('the store key names the account, never the secret', () => {
    const key = tokenStoreKey('wecom', 'ww1', 'secret-value-123456');
    expect(key).toMatch(/^wecom:ww1:[0-9a-f]{16}$/);
    expect(key).not.toContain('secret-value');
  });
  it('a token another process stored is used without fetching', async () => {
    const t = setup();
    await t.tokens.set(t.source.key, 'from-elsewhere', new Date('2025-01-01T02:00:00Z'));
    expect(await t.cache.get(t.source)).toBe('from-elsewhere');
    expect(t.fetches()).toBe(0);
  });
  it('refreshes once and retries on a token error, then maps a second failure', async () => {
    const t = setup();
    const seen: string[] = [];
    const answer = await t.cache.withAccessToken(t.source, 'message/send', new Set([40014, 42001]), async (token) => {
      seen.push(token);
      return seen.length === 1 ? { errcode: 42001, errmsg: 'access_token expired' } : { errcode: 0, errmsg: 'ok', msgid: 'm1' };
    });
    expect(answer.msgid).toBe('m1');
    expect(seen).toEqual(['token-1', 'token-2']);
    const failing = t.cache.withAccessToken(t.source, 'message/send', new Set([40014, 42001]), async () => ({ errcode: 40014, errmsg: 'invalid access_token' }));
    await expect(failing).rejects.toBeInstanceOf(ChannelApiError);
    expect(t.fetches()).toBe(3);
  });
  it('invalidate keeps a newer token written by someone else', async () => {
    const t = setup();
    const first = await t.cache.get(t.source);
    await t.tokens.set(t.source.key, 'newer', new Date('2025-01-01T02:00:00Z'));
    await t.cache.invalidate(t.source, first);
    expect(await t.cache.get(t.source)).toBe('newer');
  });
});
