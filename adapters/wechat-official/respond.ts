/**
 * The webhook answer (wechat-official.md §4): the passive reply XML when the bot's answer was ready within
 * the deadline (encrypted with a fresh MsgSignature when the push was encrypted), else `success`, which
 * tells WeChat not to retry and not to show "service unavailable"; the answer then goes by custom/send.
 */
import { randomBytes } from 'node:crypto';
import type { ConversationReference, InboxOf, OutboundMessage, RawRequest, WebhookResponse } from '../wechat-shared/contract.ts';
import { encryptMessage, wechatSignature } from '../wechat-shared/crypto.ts';
import { withNumberedSuggestions } from '../wechat-shared/text.ts';
import { buildWeChatXml, xmlText } from '../wechat-shared/xml.ts';
import type { WeChatOfficialSettings } from './settings.ts';
import { openOfficialPush } from './verify.ts';

const SUCCESS: WebhookResponse = { status: 200, contentType: 'text/plain; charset=utf-8', body: 'success' };

export function respondOfficial(
  request: RawRequest,
  inbox: InboxOf<WeChatOfficialSettings>,
  outcome: { reply?: { reference: ConversationReference; message: OutboundMessage } },
  now: Date,
  random16: () => Buffer = () => randomBytes(16),
): WebhookResponse {
  const opened = openOfficialPush(request, inbox);
  if (opened.kind === 'handshake') return { ...SUCCESS, body: opened.echostr };
  const reply = outcome.reply;
  const account = xmlText(opened.fields, 'ToUserName');
  if (reply === undefined || account === undefined) return SUCCESS;
  const plain = buildWeChatXml([
    ['ToUserName', reply.reference.externalUserId],
    ['FromUserName', account],
    ['CreateTime', Math.floor(now.getTime() / 1000)],
    ['MsgType', 'text'],
    ['Content', withNumberedSuggestions(reply.message.text, reply.message.suggestions)],
  ]);
  if (!opened.encrypted || inbox.settings.encodingAesKey === undefined) return { status: 200, contentType: 'application/xml; charset=utf-8', body: plain };
  const timestamp = request.query.timestamp ?? String(Math.floor(now.getTime() / 1000));
  const nonce = request.query.nonce ?? '';
  const encrypt = encryptMessage(plain, { encodingAesKey: inbox.settings.encodingAesKey, receiveId: inbox.settings.appId }, random16());
  const body = buildWeChatXml([
    ['Encrypt', encrypt],
    ['MsgSignature', wechatSignature(inbox.settings.token, timestamp, nonce, encrypt)],
    ['TimeStamp', Number(timestamp)],
    ['Nonce', nonce],
  ]);
  return { status: 200, contentType: 'application/xml; charset=utf-8', body };
}
