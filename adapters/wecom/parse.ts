/**
 * A WeCom app callback as hub messages. The customer is a member (UserID) chatting 1:1 with the app, so the
 * conversation id is the UserID; MsgId (64-bit, kept as a string) is the dedupe key for WeCom's 3 retries.
 * Events have no MsgId: they become ChannelEvents keyed by FromUserName + CreateTime, and `subscribe` (the
 * member can now see the app) asks for the welcome message.
 */
import { InboundParseError } from '../../core/errors.ts';
import type { ChannelEvent, InboxOf, ParsedRequest, RawRequest } from '../wechat-shared/contract.ts';
import { openEncryptedCallback } from '../wechat-shared/callback.ts';
import { xmlText, type XmlFields } from '../wechat-shared/xml.ts';
import { createTimeOf, xmlMessageContent } from '../wechat-shared/xml-message.ts';
import type { WeComSettings } from './settings.ts';

export function parseWeComRequest(request: RawRequest, inbox: InboxOf<WeComSettings>): ParsedRequest {
  const opened = openEncryptedCallback(request, inbox.settings);
  if (opened.kind === 'handshake') return { kind: 'handshake', responseBody: opened.echo, contentType: 'text/plain; charset=utf-8' };
  const fields = opened.fields;
  const from = xmlText(fields, 'FromUserName');
  if (from === undefined || from === '') throw new InboundParseError('callback without FromUserName');
  const agentId = xmlText(fields, 'AgentID');
  if (agentId !== undefined && agentId !== '' && Number(agentId) !== inbox.settings.agentId) {
    return { kind: 'messages', messages: [], ignored: 'callback for another app (AgentID)' };
  }
  const content = xmlMessageContent(fields);
  if (content === undefined) return eventRequest(fields, from);
  const msgId = xmlText(fields, 'MsgId');
  if (msgId === undefined || msgId === '') throw new InboundParseError('message without MsgId');
  return {
    kind: 'messages',
    messages: [
      {
        reference: { channel: 'wecom', inboxId: inbox.id, externalConversationId: from, externalUserId: from },
        from: { externalUserId: from },
        externalMessageId: msgId,
        text: content.text,
        attachments: content.attachments,
        sentAt: createTimeOf(fields, new Date(0)),
      },
    ],
  };
}

const WELCOME_EVENTS = new Set(['subscribe']);

function eventRequest(fields: XmlFields, from: string): ParsedRequest {
  const event = xmlText(fields, 'Event');
  if (event === undefined || event === '') return { kind: 'messages', messages: [], ignored: 'callback without MsgType or Event' };
  const channelEvent: ChannelEvent = {
    type: event,
    externalUserId: from,
    externalConversationId: from,
    details: {
      eventId: `${from}:${xmlText(fields, 'CreateTime') ?? ''}:${event}`,
      ...(xmlText(fields, 'EventKey') ? { eventKey: xmlText(fields, 'EventKey') } : {}),
      ...(WELCOME_EVENTS.has(event) ? { welcome: true } : {}),
    },
  };
  return { kind: 'messages', messages: [], events: [channelEvent], ignored: `event ${event}` };
}
