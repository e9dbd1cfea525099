import { describe, expect, it } from 'vitest';
import { inboxOf } from '../../support/inbox.ts';
import type { RawRequest } from '../../../core/channel-adapter.ts';
import { AuthenticityError } from '../../../core/errors.ts';
import { telegramAdapter, type TelegramSettings } from '../../../adapters/telegram/index.ts';

const settings: TelegramSettings = {
  botToken: '123456:TEST-TOKEN', webhookSecret: 'hook_Secret-1', apiRoot: 'https://api.telegram.org',
};
const now = new Date('2024-01-01T00:00:00Z');

function request(headers: Record<string, string | undefined>): RawRequest {
  return { method: 'POST', path: '', headers, query: {}, body: Buffer.from('{"update_id":1,"message":{}}') };
}

describe('telegram verify', () => {
  it('accepts the configured secret in X-Telegram-Bot-Api-Secret-Token (lower-cased by the receiver)', () => {
    expect(() => telegramAdapter.verify(request({ 'x-telegram-bot-api-secret-token': 'hook_Secret-1' }), inboxOf(settings, 'inbox-1'), now)).not.toThrow();
  });

  it.each([
    ['missing', {}],
    ['empty', { 'x-telegram-bot-api-secret-token': '' }],
    ['wrong', { 'x-telegram-bot-api-secret-token': 'hook_Secret-2' }],
    ['a prefix of the secret', { 'x-telegram-bot-api-secret-token': 'hook_Secret' }],
    ['differing only in case', { 'x-telegram-bot-api-secret-token': 'HOOK_SECRET-1' }],
  ])('rejects a %s secret header with AuthenticityError (401)', (_name, headers) => {
    const attempt = () => telegramAdapter.verify(request(headers), inboxOf(settings, 'inbox-1'), now);
    expect(attempt).toThrow(AuthenticityError);
    try {
      attempt();
    } catch (error) {
      expect((error as AuthenticityError).httpStatus).toBe(401);
      expect((error as Error).message).not.toContain('hook_Secret-1');
    }
  });
});
