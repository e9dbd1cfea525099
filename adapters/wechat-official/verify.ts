/**
 * Opening an Official Account push (wechat-official.md §2–3). `signature` = sha1(sort(Token, timestamp,
 * nonce)) on every request in every mode; an encrypted push (`encrypt_type=aes`) also carries
 * `msg_signature` over the Encrypt text and must decrypt to our AppID. Safe mode refuses plain pushes; plain
 * mode without a key refuses encrypted ones. No timestamp window (replays dedupe on MsgId).
 */
import { AuthenticityError, InboundParseError } from '../../core/errors.ts';
import type { InboxOf, RawRequest } from '../wechat-shared/contract.ts';
import { assertSignature, decryptMessage } from '../wechat-shared/crypto.ts';
import { readWeChatXml, xmlText, type XmlFields } from '../wechat-shared/xml.ts';
import type { WeChatOfficialSettings } from './settings.ts';

export type OpenedPush = { kind: 'handshake'; echostr: string } | { kind: 'message'; fields: XmlFields; encrypted: boolean };

export function openOfficialPush(request: RawRequest, inbox: InboxOf<WeChatOfficialSettings>): OpenedPush {
  const settings = inbox.settings;
  const { signature, timestamp, nonce } = request.query;
  if (timestamp === undefined || nonce === undefined) throw new AuthenticityError('missing timestamp or nonce');
  assertSignature(signature, [settings.token, timestamp, nonce], 'signature');
  if (request.method === 'GET') {
    const echostr = request.query.echostr;
    if (echostr === undefined) throw new AuthenticityError('missing echostr');
    return { kind: 'handshake', echostr };
  }
  if (request.method !== 'POST') throw new AuthenticityError(`method ${request.method} is not a WeChat push`);
  const encrypted = request.query.encrypt_type === 'aes';
  if (!encrypted) {
    if (settings.mode === 'safe') throw new AuthenticityError('safe mode accepts only encrypted pushes');
    return { kind: 'message', fields: readWeChatXml(request.body), encrypted: false };
  }
  if (settings.encodingAesKey === undefined) throw new AuthenticityError('encrypted push but no encodingAesKey configured');
  const encrypt = xmlText(readWeChatXml(request.body), 'Encrypt');
  if (encrypt === undefined || encrypt === '') throw new InboundParseError('encrypted push without Encrypt');
  assertSignature(request.query.msg_signature, [settings.token, timestamp, nonce, encrypt], 'msg_signature');
  const plain = decryptMessage(encrypt, { encodingAesKey: settings.encodingAesKey, receiveId: settings.appId });
  return { kind: 'message', fields: readWeChatXml(plain), encrypted: true };
}

export function verifyOfficialRequest(request: RawRequest, inbox: InboxOf<WeChatOfficialSettings>): void {
  openOfficialPush(request, inbox);
}
