/**
 * The encrypted callback of WeCom apps and WeChat customer service (wecom.md §3–4): GET URL verification with
 * an encrypted echostr, POST with `<xml><Encrypt>` signed by `msg_signature` over Token, timestamp, nonce and
 * the ciphertext exactly as received. No timestamp window: Tencent's own samples carry 2014 timestamps and
 * replays are stopped by message-id dedupe downstream.
 */
import { AuthenticityError, InboundParseError } from '../../core/errors.ts';
import type { RawRequest } from './contract.ts';
import { assertSignature, decryptMessage } from './crypto.ts';
import { readWeChatXml, xmlText, type XmlFields } from './xml.ts';

export interface CallbackKeys {
  token: string;
  encodingAesKey: string;
  /** The receiveid: the corpid. */
  corpId: string;
}

export type OpenedCallback = { kind: 'handshake'; echo: string } | { kind: 'message'; fields: XmlFields };

/**
 * Authenticates and decrypts one callback. Throws AuthenticityError for a wrong signature, receiveid or
 * ciphertext, InboundParseError for an unreadable envelope or inner document. Pure.
 */
export function openEncryptedCallback(request: RawRequest, keys: CallbackKeys): OpenedCallback {
  const { msg_signature: signature, timestamp, nonce } = request.query;
  if (timestamp === undefined || nonce === undefined) throw new AuthenticityError('missing timestamp or nonce');
  const crypto = { encodingAesKey: keys.encodingAesKey, receiveId: keys.corpId };
  if (request.method === 'GET') {
    const echostr = request.query.echostr;
    if (echostr === undefined || echostr === '') throw new AuthenticityError('missing echostr');
    assertSignature(signature, [keys.token, timestamp, nonce, echostr], 'msg_signature');
    return { kind: 'handshake', echo: decryptMessage(echostr, crypto) };
  }
  if (request.method !== 'POST') throw new AuthenticityError(`method ${request.method} is not a WeCom callback`);
  const encrypt = xmlText(readWeChatXml(request.body), 'Encrypt');
  if (encrypt === undefined || encrypt === '') throw new InboundParseError('callback without Encrypt');
  assertSignature(signature, [keys.token, timestamp, nonce, encrypt], 'msg_signature');
  return { kind: 'message', fields: readWeChatXml(decryptMessage(encrypt, crypto)) };
}
