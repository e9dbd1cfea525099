import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inboxOf } from '../../support/inbox.ts';
import { ChannelApiError, ChannelNetworkError } from '../../../core/errors.ts';
import type { ConversationReference } from '../../../core/messages.ts';
import { telegramAdapter, type TelegramSettings } from '../../../adapters/telegram/index.ts';
import { ANN, ANN_CHAT, startTelegramBotApi, type TelegramBotApi } from '../../loopback/telegram-bot-api.ts';

const TOKEN = '123456:TEST-TOKEN';
let api: TelegramBotApi;
let settings: TelegramSettings;
const toAnn: ConversationReference = { channel: 'telegram', inboxId: 'inbox-1', externalConversationId: '1111', externalUserId: '1111' };

beforeEach(async () => {
  api = await startTelegramBotApi({ token: TOKEN, chats: [ANN_CHAT] });
  settings = { botToken: TOKEN, webhookSecret: 'hook_Secret-1', apiRoot: api.apiRoot };
});
afterEach(async () => {
  await api.close();
});

async function sendError(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => { throw new Error('expected the send to fail'); }, (error: unknown) => error);
}

describe('telegram send', () => {
  it('sends plain text and returns the chat-scoped id of the sent message', async () => {
    const incoming = api.customerMessage(ANN_CHAT, ANN, 'where is my order?');
    const receipt = await telegramAdapter.send(toAnn, { text: 'It ships tomorrow.' }, inboxOf(settings, 'inbox-1'));
    const nextId = (incoming.message as { message_id: number }).message_id + 1;
    expect(receipt).toEqual({ externalMessageId: `1111:${nextId}` });
    expect(api.sentMessages).toHaveLength(1);
    expect(api.sentMessages[0]!.params).toEqual({ chat_id: 1111, text: 'It ships tomorrow.' });
  });

  it('threads the reply under the customer message and offers suggestions as a one-time reply keyboard', async () => {
    const incoming = api.customerMessage(ANN_CHAT, ANN, 'refund?');
    const messageId = (incoming.message as { message_id: number }).message_id;
    await telegramAdapter.send(toAnn, {
      text: 'Did you mean:',
      suggestions: ['How do I get a refund?', 'Where is my order?'],
      replyToExternalMessageId: `1111:${messageId}`,
    }, inboxOf(settings, 'inbox-1'));
    const sent = api.sentMessages[0]!;
    expect(sent.params.reply_parameters).toEqual({ message_id: messageId, allow_sending_without_reply: true });
    expect(sent.params.reply_markup).toEqual({
      keyboard: [[{ text: 'How do I get a refund?' }], [{ text: 'Where is my order?' }]],
      one_time_keyboard: true, resize_keyboard: true,
    });
    expect((sent.result.reply_to_message as { text: string }).text).toBe('refund?');
  });

  it('does not thread a reply to a message from another chat', async () => {
    await telegramAdapter.send(toAnn, { text: 'ok', replyToExternalMessageId: '2222:5' }, inboxOf(settings, 'inbox-1'));
    expect(api.sentMessages[0]!.params.reply_parameters).toBeUndefined();
  });

  it('maps 429 to a retryable ChannelApiError carrying retry_after', async () => {
    api.rateLimitNext(1, 7);
    const error = await sendError(telegramAdapter.send(toAnn, { text: 'hello' }, inboxOf(settings, 'inbox-1')));
    expect(error).toBeInstanceOf(ChannelApiError);
    expect((error as ChannelApiError).details).toEqual({ status: 429, apiCode: 429, retryAfterSeconds: 7, permanent: false });
    expect(api.sentMessages).toHaveLength(0);
    // The adapter does not retry on its own: the next attempt is the queue's, and it succeeds.
    expect(api.calls).toHaveLength(1);
    await expect(telegramAdapter.send(toAnn, { text: 'hello' }, inboxOf(settings, 'inbox-1'))).resolves.toHaveProperty('externalMessageId');
  });

  it('maps "bot was blocked by the user" (403) to a permanent ChannelApiError', async () => {
    api.blockChat(1111);
    const error = await sendError(telegramAdapter.send(toAnn, { text: 'hello' }, inboxOf(settings, 'inbox-1')));
    expect(error).toBeInstanceOf(ChannelApiError);
    expect((error as ChannelApiError).details).toMatchObject({ status: 403, permanent: true });
    expect((error as Error).message).toContain('Forbidden: bot was blocked by the user');
  });

  it('maps an unknown chat and an over-long text (400) to permanent errors', async () => {
    const stranger = { ...toAnn, externalConversationId: '999' };
    const unknownChat = await sendError(telegramAdapter.send(stranger, { text: 'hi' }, inboxOf(settings, 'inbox-1')));
    expect((unknownChat as ChannelApiError).details).toMatchObject({ status: 400, permanent: true });
    expect((unknownChat as Error).message).toContain('chat not found');
    const tooLong = await sendError(telegramAdapter.send(toAnn, { text: 'x'.repeat(4097) }, inboxOf(settings, 'inbox-1')));
    expect((tooLong as Error).message).toContain('message is too long');
    expect((tooLong as ChannelApiError).details.permanent).toBe(true);
  });

  it('maps a wrong bot token (401) to a permanent error whose message does not contain the token', async () => {
    const error = await sendError(telegramAdapter.send(toAnn, { text: 'hi' }, inboxOf({ ...settings, botToken: '123456:WRONG' }, 'inbox-1')));
    expect((error as ChannelApiError).details).toMatchObject({ status: 401, permanent: true });
    expect((error as Error).message).not.toContain('WRONG');
  });

  it('maps a 5xx answer to a retryable ChannelApiError', async () => {
    api.failNext(1, { errorCode: 502, description: 'Bad Gateway' });
    const error = await sendError(telegramAdapter.send(toAnn, { text: 'hi' }, inboxOf(settings, 'inbox-1')));
    expect((error as ChannelApiError).details).toMatchObject({ status: 502, permanent: false });
  });

  it('maps a server that is down to ChannelNetworkError without leaking the token', async () => {
    await api.close();
    const error = await sendError(telegramAdapter.send(toAnn, { text: 'hi' }, inboxOf(settings, 'inbox-1')));
    expect(error).toBeInstanceOf(ChannelNetworkError);
    expect((error as Error).message).not.toContain(TOKEN);
    api = await startTelegramBotApi({ token: TOKEN }); // for afterEach
  });

  it('maps a call aborted by the caller while the server stalls to ChannelNetworkError', async () => {
    api.delayNext(1, 20_000); // 200 times the abort: only the abort can end the call first
    const started = Date.now();
    const error = await sendError(telegramAdapter.send(toAnn, { text: 'hi' }, inboxOf(settings, 'inbox-1'), { signal: AbortSignal.timeout(100) }));
    expect(error).toBeInstanceOf(ChannelNetworkError);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
