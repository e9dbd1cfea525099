/**
 * An Official Account push as hub messages. The customer is the OpenID (one conversation per follower);
 * MsgId is the dedupe key for WeChat's 3 retries. Events have no MsgId and become ChannelEvents keyed by
 * FromUserName + CreateTime: `subscribe` asks for the welcome message; a CLICK on a menu key configured in
 * `menu` also becomes a customer message (id `click:<openid>:<CreateTime>`): the mapped text, or a message
 * flagged with the mapped action (a person, an FAQ) whose text is what agents see of the click.
 */
import { InboundParseError } from '../../core/errors.ts';
import type { ChannelEvent, InboundMessage, InboxOf, ParsedRequest, RawRequest } from '../wechat-shared/contract.ts';
import { xmlText, type XmlFields } from '../wechat-shared/xml.ts';
import { createTimeOf, xmlMessageContent } from '../wechat-shared/xml-message.ts';
import type { MenuEntry, WeChatOfficialSettings } from './settings.ts';
import { openOfficialPush } from './verify.ts';

export function parseOfficialRequest(request: RawRequest, inbox: InboxOf<WeChatOfficialSettings>): ParsedRequest {
  const opened = openOfficialPush(request, inbox);
  if (opened.kind === 'handshake') return { kind: 'handshake', responseBody: opened.echostr, contentType: 'text/plain; charset=utf-8' };
  const fields = opened.fields;
  const openid = xmlText(fields, 'FromUserName');
  if (openid === undefined || openid === '') throw new InboundParseError('push without FromUserName');
  const content = xmlMessageContent(fields);
  if (content !== undefined) {
    const msgId = xmlText(fields, 'MsgId');
    if (msgId === undefined || msgId === '') throw new InboundParseError('message without MsgId');
    return { kind: 'messages', messages: [message(inbox.id, openid, msgId, content.text, content.attachments, fields)] };
  }
  return eventRequest(fields, openid, inbox);
}

function message(inboxId: string, openid: string, id: string, text: string, attachments: InboundMessage['attachments'], fields: XmlFields): InboundMessage {
  return {
    reference: { channel: 'wechat_official', inboxId, externalConversationId: openid, externalUserId: openid },
    from: { externalUserId: openid },
    externalMessageId: id,
    text,
    attachments,
    sentAt: createTimeOf(fields, new Date(0)),
  };
}

function eventRequest(fields: XmlFields, openid: string, inbox: InboxOf<WeChatOfficialSettings>): ParsedRequest {
  const event = xmlText(fields, 'Event');
  if (event === undefined || event === '') return { kind: 'messages', messages: [], ignored: 'push without MsgType or Event' };
  const createTime = xmlText(fields, 'CreateTime') ?? '';
  const eventKey = xmlText(fields, 'EventKey');
  const channelEvent: ChannelEvent = {
    type: event,
    externalUserId: openid,
    externalConversationId: openid,
    details: {
      eventId: `${openid}:${createTime}:${event}`,
      ...(eventKey ? { eventKey } : {}),
      ...(event === 'subscribe' ? { welcome: true } : {}),
    },
  };
  // An own property only: a key like "constructor" is not a menu entry.
  const mapped = event === 'CLICK' && eventKey && Object.hasOwn(inbox.settings.menu, eventKey) ? inbox.settings.menu[eventKey] : undefined;
  if (mapped !== undefined && eventKey) {
    const click = message(inbox.id, openid, `click:${openid}:${createTime}`, menuText(mapped, eventKey), [], fields);
    const action = menuAction(mapped);
    return { kind: 'messages', messages: [action ? { ...click, action } : click], events: [channelEvent] };
  }
  return { kind: 'messages', messages: [], events: [channelEvent], ignored: `event ${event}` };
}

function menuText(entry: MenuEntry, key: string): string {
  return typeof entry === 'string' ? entry : (entry.text ?? `[menu ${key}]`);
}

function menuAction(entry: MenuEntry): InboundMessage['action'] {
  if (typeof entry === 'string') return undefined;
  return entry.action === 'human' ? { type: 'human' } : { type: 'faq', faqId: entry.faqId };
}
