/** The adapter as the hub's receiver and delivery job use it: verify → parse → (later) send the answer. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inboxOf } from '../../support/inbox.ts';
import type { RawRequest } from '../../../core/channel-adapter.ts';
import { telegramAdapter, type TelegramSettings } from '../../../adapters/telegram/index.ts';
import { ANN, ANN_CHAT, startTelegramBotApi, type TelegramBotApi } from '../../loopback/telegram-bot-api.ts';

const TOKEN = '123456:TEST-TOKEN';
let api: TelegramBotApi;
let settings: TelegramSettings;

beforeEach(async () => {
  api = await startTelegramBotApi({ token: TOKEN });
  settings = { botToken: TOKEN, webhookSecret: 'hook_Secret-1', apiRoot: api.apiRoot };
});
afterEach(async () => {
  await api.close();
});

describe('telegramAdapter round trip', () => {
  it('reads a customer update and answers it as a threaded reply in the same chat', async () => {
    const update = api.customerMessage(ANN_CHAT, ANN, 'where is my order?');
    const request: RawRequest = {
      method: 'POST', path: '', query: {},
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'hook_Secret-1' },
      body: Buffer.from(JSON.stringify(update)),
    };
    telegramAdapter.verify(request, inboxOf(settings, 'inbox-1'), new Date());
    const parsed = telegramAdapter.parse(request, inboxOf(settings, 'inbox-1'));
    if (parsed.kind !== 'messages') throw new Error('expected messages');
    const inbound = parsed.messages[0]!;

    const receipt = await telegramAdapter.send(inbound.reference, { text: 'It ships tomorrow.', replyToExternalMessageId: inbound.externalMessageId }, inboxOf(settings, 'inbox-1'));

    const sent = api.sentMessages[0]!;
    expect(sent.chatId).toBe(ANN_CHAT.id);
    expect(sent.result.reply_to_message).toMatchObject({ text: 'where is my order?' });
    // Our reply's id has the same shape as an inbound id, so an echo of it would dedupe instead of looping.
    expect(receipt.externalMessageId).toBe(`${ANN_CHAT.id}:${sent.result.message_id as number}`);
    expect(receipt.externalMessageId).not.toBe(inbound.externalMessageId);
  });
});
