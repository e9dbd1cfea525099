/** The loopback Bot API must answer like Telegram does, or the adapter tests prove nothing. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANN, ANN_CHAT, FAKE_BOT, startTelegramBotApi, type TelegramBotApi } from '../../loopback/telegram-bot-api.ts';

const TOKEN = '123456:TEST-TOKEN';
let api: TelegramBotApi;

beforeEach(async () => {
  api = await startTelegramBotApi({ token: TOKEN, chats: [ANN_CHAT] });
});
afterEach(async () => {
  await api.close();
});

async function call(path: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${api.apiRoot}${path}`, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('loopback Telegram Bot API', () => {
  it('answers getMe by POST and by GET, with case-insensitive method names', async () => {
    expect(await call(`/bot${TOKEN}/getMe`, { method: 'POST' })).toEqual({ status: 200, body: { ok: true, result: FAKE_BOT } });
    expect((await call(`/bot${TOKEN}/getme`)).body.result).toEqual(FAKE_BOT);
  });

  it('answers 401 Unauthorized for a wrong token and 404 Not Found for unknown methods or paths', async () => {
    expect(await call('/bot123456:WRONG/getMe')).toEqual({ status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
    expect(await call(`/bot${TOKEN}/launchRocket`)).toEqual({ status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } });
    expect((await call('/getMe')).status).toBe(404);
  });

  it('accepts sendMessage as JSON, urlencoded form and query string, with per-chat increasing ids', async () => {
    const first = await call(`/bot${TOKEN}/sendMessage`, json({ chat_id: 1111, text: 'one' }));
    const second = await call(`/bot${TOKEN}/sendMessage`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'chat_id=1111&text=two',
    });
    const third = await call(`/bot${TOKEN}/sendMessage?chat_id=%40ann&text=three`);
    const ids = [first, second, third].map((answer) => (answer.body.result as { message_id: number }).message_id);
    expect(ids).toEqual([ids[0], ids[0]! + 1, ids[0]! + 2]);
    expect(first.body.result).toMatchObject({ chat: ANN_CHAT, text: 'one', from: { id: FAKE_BOT.id, is_bot: true, username: 'kefu_bot' } });
    expect(typeof (first.body.result as { date: unknown }).date).toBe('number');
    expect(api.sentMessages.map((sent) => sent.text)).toEqual(['one', 'two', 'three']);
  });

  it('shares the message-id sequence between customer and bot messages in one chat', async () => {
    const update = api.customerMessage(ANN_CHAT, ANN, 'hi');
    const sent = await call(`/bot${TOKEN}/sendMessage`, json({ chat_id: 1111, text: 'hello' }));
    expect((sent.body.result as { message_id: number }).message_id).toBe((update.message as { message_id: number }).message_id + 1);
  });

  it.each([
    [{ text: 'x' }, 'Bad Request: chat_id is empty'],
    [{ chat_id: 1111 }, 'Bad Request: message text is empty'],
    [{ chat_id: 1111, text: '   ' }, 'Bad Request: message text is empty'],
    [{ chat_id: 4242, text: 'x' }, 'Bad Request: chat not found'],
    [{ chat_id: 1111, text: 'x'.repeat(4097) }, 'Bad Request: message is too long'],
    [{ chat_id: 1111, text: 'x', reply_parameters: { message_id: 999 } }, 'Bad Request: message to be replied not found'],
    [{ chat_id: 1111, text: 'x', reply_markup: { inline_keyboard: [[{ text: 'no action' }]] } },
      "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"],
  ])('refuses sendMessage %j with 400 "%s"', async (params, description) => {
    expect(await call(`/bot${TOKEN}/sendMessage`, json(params))).toEqual({ status: 400, body: { ok: false, error_code: 400, description } });
    expect(api.sentMessages).toHaveLength(0);
  });

  it('rate-limits the next N calls with retry_after, then recovers', async () => {
    api.rateLimitNext(2, 3);
    const limited = { status: 429, body: { ok: false, error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } } };
    expect(await call(`/bot${TOKEN}/sendMessage`, json({ chat_id: 1111, text: 'a' }))).toEqual(limited);
    expect(await call(`/bot${TOKEN}/getMe`)).toEqual(limited);
    expect((await call(`/bot${TOKEN}/sendMessage`, json({ chat_id: 1111, text: 'a' }))).status).toBe(200);
  });

  it('models webhook registration and its validation', async () => {
    expect((await call(`/bot${TOKEN}/setWebhook`, json({ url: 'http://insecure.example/hook' }))).body.description)
      .toBe('Bad Request: bad webhook: An HTTPS URL must be provided for webhook');
    expect((await call(`/bot${TOKEN}/setWebhook`, json({ url: 'https://ok.example/hook', secret_token: 'no spaces!' }))).status).toBe(400);
    expect(await call(`/bot${TOKEN}/setWebhook`, json({ url: 'https://ok.example/hook', secret_token: 's' }))).toEqual({
      status: 200, body: { ok: true, result: true, description: 'Webhook was set' },
    });
    expect((await call(`/bot${TOKEN}/getWebhookInfo`)).body.result).toMatchObject({ url: 'https://ok.example/hook', pending_update_count: 0 });
    expect((await call(`/bot${TOKEN}/deleteWebhook`, { method: 'POST' })).body.description).toBe('Webhook was deleted');
    expect((await call(`/bot${TOKEN}/getWebhookInfo`)).body.result).toEqual({ url: '', has_custom_certificate: false, pending_update_count: 0 });
  });
});
