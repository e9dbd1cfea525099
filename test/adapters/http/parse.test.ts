import { describe, expect, it } from 'vitest';
import { inboxOf } from '../../support/inbox.ts';
import type { ParsedRequest } from '../../../core/channel-adapter.ts';
import { InboundParseError } from '../../../core/errors.ts';
import { createHttpChannelAdapter, type HttpChannelSettings } from '../../../adapters/http/index.ts';

const settings: HttpChannelSettings = {
  inboundSecret: 'in-secret-0123456789', outboundSecret: 'out-secret-0123456789',
  callbackUrl: 'https://shop.example.com/kefu', timeoutMs: 10_000,
};

function parse(body: unknown, headers: Record<string, string> = { 'x-kefu-timestamp': '1714564800' }): ParsedRequest {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return createHttpChannelAdapter().parse({ method: 'POST', path: '', headers, query: {}, body: Buffer.from(raw) }, inboxOf(settings, 'web-1'));
}

const minimal = { conversation_id: 'conv-9', user: { id: 'user-3' }, message: { id: 'msg-1', text: '我的订单在哪里？' } };

describe('HTTP channel parse', () => {
  it('normalizes a minimal body, taking the send time from the signed timestamp', () => {
    expect(parse(minimal)).toEqual({
      kind: 'messages',
      messages: [{
        reference: { channel: 'http', inboxId: 'web-1', externalConversationId: 'conv-9', externalUserId: 'user-3' },
        from: { externalUserId: 'user-3' },
        externalMessageId: 'msg-1',
        text: '我的订单在哪里？',
        attachments: [],
        sentAt: new Date('2024-05-01T12:00:00Z'),
      }],
    });
  });

  it('reads name, locale, attachments and sent_at', () => {
    const parsed = parse({
      ...minimal,
      user: { id: 'user-3', name: 'Ann', locale: 'zh-CN' },
      message: { id: 'msg-2', text: '', sent_at: '2024-05-01T20:00:00+08:00',
        attachments: [{ kind: 'image', ref: 'https://cdn.example.com/a.png', name: 'a.png', mime_type: 'image/png' }] },
    });
    if (parsed.kind !== 'messages') throw new Error('expected messages');
    expect(parsed.messages[0]).toMatchObject({
      from: { externalUserId: 'user-3', displayName: 'Ann', locale: 'zh-CN' },
      attachments: [{ kind: 'image', ref: 'https://cdn.example.com/a.png', name: 'a.png', mimeType: 'image/png' }],
      sentAt: new Date('2024-05-01T12:00:00Z'),
    });
  });

  it.each([
    ['invalid JSON', '{"conversation_id":', /valid JSON/],
    ['a missing conversation_id', { ...minimal, conversation_id: undefined }, /^conversation_id: /],
    ['a numeric user id', { ...minimal, user: { id: 3 } }, /^user\.id: /],
    ['a missing message text', { ...minimal, message: { id: 'm' } }, /^message\.text: /],
    ['an empty message', { ...minimal, message: { id: 'm', text: '  ' } }, /^message\.text: a message needs text/],
    ['an unknown attachment kind', { ...minimal, message: { id: 'm', text: 'x', attachments: [{ kind: 'pdf', ref: 'r' }] } }, /^message\.attachments\.0\.kind: /],
    ['a sent_at that is not ISO', { ...minimal, message: { id: 'm', text: 'x', sent_at: 'yesterday' } }, /^message\.sent_at: /],
  ])('rejects %s with InboundParseError naming the field', (_name, body, detail) => {
    expect(() => parse(body)).toThrow(InboundParseError);
    expect(() => parse(body)).toThrow(detail);
  });
});
