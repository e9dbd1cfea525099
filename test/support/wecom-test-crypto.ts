/**
 * A test-only WXBizMsgCrypt (wecom.md §2), so the WeCom desk's router is tested with real signed and
 * encrypted callbacks while adapters/wechat-shared (the production implementation) is not on main yet.
 * Checked against the fresh vectors of wecom.md §10 in wecom-desk/router.test.ts.
 * TODO(issue 19): replace with adapters/wechat-shared's openEncryptedCallback once merged.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { WeComCallbackCrypto } from '../../adapters/wecom-desk/ports.ts';
import { AuthenticityError, InboundParseError } from '../../core/errors.ts';

export interface WeComKeys { token: string; encodingAesKey: string; corpId: string }

export function wecomSignature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

export function wecomEncrypt(message: string, keys: WeComKeys, random16: Buffer = randomBytes(16)): string {
  const key = Buffer.from(`${keys.encodingAesKey}=`, 'base64');
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const full = Buffer.concat([random16, length, body, Buffer.from(keys.corpId)]);
  const pad = 32 - (full.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([full, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

export function wecomDecrypt(ciphertext: string, keys: WeComKeys): string {
  const key = Buffer.from(`${keys.encodingAesKey}=`, 'base64');
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]);
  } catch {
    throw new AuthenticityError('cannot decrypt');
  }
  const pad = plain.at(-1) ?? 0;
  if (pad < 1 || pad > 32 || plain.length - pad < 20) throw new AuthenticityError('bad padding');
  const unpadded = plain.subarray(0, plain.length - pad);
  const length = unpadded.readUInt32BE(16);
  if (20 + length > unpadded.length) throw new AuthenticityError('bad length');
  if (unpadded.subarray(20 + length).toString('utf8') !== keys.corpId) throw new AuthenticityError('receiveid mismatch');
  return unpadded.subarray(20, 20 + length).toString('utf8');
}

function checkSignature(received: string | undefined, parts: string[]): void {
  const expected = Buffer.from(wecomSignature(...parts));
  const got = Buffer.from(received ?? '');
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) throw new AuthenticityError('wrong msg_signature');
}

export function testWeComCrypto(keys: WeComKeys): WeComCallbackCrypto {
  return {
    verifyUrl(query) {
      const { msg_signature: signature, timestamp = '', nonce = '', echostr = '' } = query;
      checkSignature(signature, [keys.token, timestamp, nonce, echostr]);
      return wecomDecrypt(echostr, keys);
    },
    decryptCallback(query, body) {
      const encrypt = /<Encrypt><!\[CDATA\[([^\]]*)\]\]><\/Encrypt>/.exec(body.toString('utf8'))?.[1];
      if (encrypt === undefined) throw new InboundParseError('no Encrypt');
      checkSignature(query.msg_signature, [keys.token, query.timestamp ?? '', query.nonce ?? '', encrypt]);
      return wecomDecrypt(encrypt, keys);
    },
  };
}

/** The POST WeCom would send for an agent's text to the app (wecom.md §4): query string and XML body. */
export function encryptedAgentMessage(keys: WeComKeys, options: { from: string; text: string; msgId: string; timestamp: number; agentId?: number; nonce?: string }): { query: string; body: string } {
  const inner = `<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><FromUserName><![CDATA[${options.from}]]></FromUserName>`
    + `<CreateTime>${options.timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${options.text}]]></Content>`
    + `<MsgId>${options.msgId}</MsgId><AgentID>${options.agentId ?? 1000002}</AgentID></xml>`;
  const encrypt = wecomEncrypt(inner, keys);
  const nonce = options.nonce ?? '6300138417';
  const signature = wecomSignature(keys.token, String(options.timestamp), nonce, encrypt);
  return {
    query: `msg_signature=${signature}&timestamp=${options.timestamp}&nonce=${nonce}`,
    body: `<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[${options.agentId ?? 1000002}]]></AgentID></xml>`,
  };
}
