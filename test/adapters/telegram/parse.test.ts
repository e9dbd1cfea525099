import { describe, expect, it } from 'vitest';
import { inboxOf } from '../../support/inbox.ts';
import type { ParsedRequest, RawRequest } from '../../../core/channel-adapter.ts';
import { InboundParseError } from '../../../core/errors.ts';
import { telegramAdapter, type TelegramSettings } from '../../../adapters/telegram/index.ts';
import { ANN, ANN_CHAT, makeTelegramUpdate } from '../../loopback/telegram-bot-api.ts';

const settings: TelegramSettings = {
  botToken: '123456:TEST-TOKEN', webhookSecret: 'hook_Secret-1', apiRoot: 'https://api.telegram.org',
};

function parse(body: unknown): ParsedRequest {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const request: RawRequest = { method: 'POST', path: '', headers: {}, query: {}, body: Buffer.from(raw) };
  return telegramAdapter.parse(request, inboxOf(settings, 'inbox-1'));
}

function onlyMessage(parsed: ParsedRequest) {
  expect(parsed.kind).toBe('messages');
  if (parsed.kind !== 'messages') throw new Error('unreachable');
  expect(parsed.messages).toHaveLength(1);
  return parsed.messages[0]!;
}

function ignoredReason(parsed: ParsedRequest): string | undefined {
  if (parsed.kind !== 'messages') throw new Error('expected messages');
  expect(parsed.messages).toEqual([]);
  return parsed.ignored;
}

describe('telegram parse', () => {
  it('normalizes the documented private-chat text message', () => {
    const message = onlyMessage(parse(makeTelegramUpdate()));
    expect(message).toEqual({
      reference: { channel: 'telegram', inboxId: 'inbox-1', externalConversationId: '1111', externalUserId: '1111' },
      from: { externalUserId: '1111', displayName: 'Ann Li', locale: 'zh-hans' },
      externalMessageId: '1111:42',
      text: 'where is my order?',
      attachments: [],
      sentAt: new Date(1_700_000_000 * 1000),
    });
  });

  it('keys a group message by the group chat and the writer, and ids stay unique per chat', () => {
    const group = { id: -1001234567890, type: 'supergroup' as const, title: 'Support' };
    const message = onlyMessage(parse(makeTelegramUpdate({ chat: group, messageId: 42, text: 'hi all' })));
    expect(message.reference.externalConversationId).toBe('-1001234567890');
    expect(message.reference.externalUserId).toBe('1111');
    expect(message.externalMessageId).toBe('-1001234567890:42');
  });

  it('gives a redelivered update the same externalMessageId (the dedupe key)', () => {
    const update = makeTelegramUpdate({ messageId: 7 });
    expect(onlyMessage(parse(update)).externalMessageId).toBe(onlyMessage(parse(update)).externalMessageId);
  });

  it('keeps user ids beyond 2^31 exact', () => {
    const from = { ...ANN, id: 7_123_456_789 };
    expect(onlyMessage(parse(makeTelegramUpdate({ from }))).from.externalUserId).toBe('7123456789');
  });

  it('reads a photo caption and keeps only the largest photo size', () => {
    const message = onlyMessage(parse(makeTelegramUpdate({
      message: {
        caption: 'this arrived broken',
        photo: [
          { file_id: 'small', file_unique_id: 's', width: 90, height: 60, file_size: 1000 },
          { file_id: 'large', file_unique_id: 'l', width: 1280, height: 853, file_size: 90000 },
        ],
      },
    })));
    expect(message.text).toBe('this arrived broken');
    expect(message.attachments).toEqual([{ kind: 'image', ref: 'large', mimeType: 'image/jpeg' }]);
  });

  it.each([
    ['document', { document: { file_id: 'doc1', file_unique_id: 'u', file_name: 'invoice.pdf', mime_type: 'application/pdf' } },
      { kind: 'file', ref: 'doc1', name: 'invoice.pdf', mimeType: 'application/pdf' }],
    ['voice', { voice: { file_id: 'v1', file_unique_id: 'u', duration: 3, mime_type: 'audio/ogg' } },
      { kind: 'audio', ref: 'v1', mimeType: 'audio/ogg' }],
    ['sticker', { sticker: { file_id: 'st1', file_unique_id: 'u', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, emoji: '😀' } },
      { kind: 'sticker', ref: 'st1', name: '😀' }],
    ['location', { location: { latitude: 31.2304, longitude: 121.4737 } },
      { kind: 'location', ref: '31.2304,121.4737' }],
  ])('turns a %s into an attachment with empty text', (_name, content, attachment) => {
    const message = onlyMessage(parse(makeTelegramUpdate({ message: content })));
    expect(message.text).toBe('');
    expect(message.attachments).toEqual([attachment]);
  });

  it('reports an animation once, not again as its compatibility document', () => {
    const file = { file_id: 'gif1', file_unique_id: 'u', mime_type: 'video/mp4', file_name: 'a.mp4' };
    const message = onlyMessage(parse(makeTelegramUpdate({ message: { animation: { ...file, width: 1, height: 1, duration: 1 }, document: file } })));
    expect(message.attachments).toEqual([{ kind: 'video', ref: 'gif1', name: 'a.mp4', mimeType: 'video/mp4' }]);
  });

  it.each([
    ['an edited message', makeTelegramUpdate({ type: 'edited_message', message: { edit_date: 1_700_000_100 } }), 'edited message'],
    ['a bot sender', makeTelegramUpdate({ from: { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' } }), 'message from a bot'],
    ['a service message', makeTelegramUpdate({ message: { new_chat_members: [ANN] } }), 'service or unsupported message'],
    ['a channel post', makeTelegramUpdate({ type: 'channel_post', from: null, chat: { id: -100555, type: 'channel', title: 'News' } }), 'channel post'],
    ['a callback query', { update_id: 3, callback_query: { id: 'q', from: ANN, chat_instance: 'c', data: 'x' } }, 'update type callback_query is not handled'],
    ['the bot being blocked', { update_id: 4, my_chat_member: { chat: ANN_CHAT, from: ANN, date: 1, old_chat_member: {}, new_chat_member: { status: 'kicked' } } }, 'bot membership change'],
  ])('ignores %s with a reason', (_name, update, reason) => {
    expect(ignoredReason(parse(update))).toBe(reason);
  });

  it.each([
    ['invalid JSON', '{"update_id": 1,', /valid JSON/],
    ['a JSON array', '[1,2]', /not a Telegram Update/],
    ['JSON null', 'null', /not a Telegram Update/],
    ['no update_id', { message: makeTelegramUpdate().message }, /update_id/],
    ['only an update_id', { update_id: 5 }, /no update type/],
    ['a message without chat', { update_id: 6, message: { message_id: 1, date: 1, text: 'x' } }, /message\.chat/],
    ['a string message_id', makeTelegramUpdate({ message: { message_id: '42' } }), /message\.message_id/],
  ])('rejects %s with InboundParseError (400)', (_name, body, detail) => {
    expect(() => parse(body)).toThrow(InboundParseError);
    expect(() => parse(body)).toThrow(detail);
  });
});
