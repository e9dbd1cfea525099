/**
 * WXBizMsgCrypt, the callback crypto shared by WeCom, WeChat customer service (kf) and Official Account safe
 * mode (wecom.md §2): SHA-1 signature over the sorted strings, AES-256-CBC with IV = first 16 key bytes and
 * PKCS#7 padding to **32**-byte blocks, plaintext framed as random16 | uint32 length | msg | receiveid.
 *
 * Why manual padding: Node's built-in unpadding assumes 16-byte blocks and fails (`bad decrypt`) whenever the
 * pad is 17..32, which short test messages hide. Every failure is an AuthenticityError: a request we cannot
 * decrypt to our own receiveid was not provably sent by Tencent for this account.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AuthenticityError } from '../../core/errors.ts';
import { constantTimeEqual } from '../shared/constant-time.ts';

const BLOCK = 32;
const HEADER = 20; // random16 + uint32 length
/** EncodingAESKey as the consoles issue it: 43 characters of [A-Za-z0-9]. */
export const ENCODING_AES_KEY_PATTERN = /^[A-Za-z0-9]{43}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface CryptoConfig {
  encodingAesKey: string;
  /** corpid for WeCom and kf, the AppID for an Official Account. */
  receiveId: string;
}

/** `sha1(sort(parts).join(''))` as lower-case hex: `msg_signature` (4 parts) or OA `signature` (3 parts). */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join(''), 'utf8').digest('hex');
}

/** Throws AuthenticityError unless `received` is the signature of `parts` (constant-time compare). */
export function assertSignature(received: string | undefined, parts: string[], what: string): void {
  if (received === undefined || received === '') throw new AuthenticityError(`missing ${what}`);
  if (!constantTimeEqual(received.toLowerCase(), wechatSignature(...parts))) throw new AuthenticityError(`wrong ${what}`);
}

function aesKey(encodingAesKey: string): Buffer {
  // Settings validation guarantees the pattern; checked again so a wiring bug cannot yield a short key.
  if (!ENCODING_AES_KEY_PATTERN.test(encodingAesKey)) throw new Error('EncodingAESKey must be 43 characters [A-Za-z0-9]');
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

/** Encrypts `message` for `receiveId`; `random16` is injectable so tests reproduce published vectors. */
export function encryptMessage(message: string, config: CryptoConfig, random16: Buffer = randomBytes(16)): string {
  if (random16.length !== 16) throw new Error('random16 must be 16 bytes');
  const key = aesKey(config.encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const framed = Buffer.concat([random16, length, body, Buffer.from(config.receiveId, 'utf8')]);
  const pad = BLOCK - (framed.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([framed, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

/** Decrypts `ciphertext` (base64) and returns the message; throws AuthenticityError on any defect. */
export function decryptMessage(ciphertext: string, config: CryptoConfig): string {
  if (ciphertext === '' || !BASE64.test(ciphertext)) throw new AuthenticityError('ciphertext is not base64');
  const encrypted = Buffer.from(ciphertext, 'base64');
  if (encrypted.length === 0 || encrypted.length % BLOCK !== 0) throw new AuthenticityError('ciphertext length is not a multiple of 32');
  const key = aesKey(config.encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(encrypted), decipher.final()]);
  const plain = unpad(padded);
  if (plain.length < HEADER) throw new AuthenticityError('decrypted text too short');
  const length = plain.readUInt32BE(16);
  if (HEADER + length > plain.length) throw new AuthenticityError('message length exceeds the decrypted text');
  const receiveId = plain.subarray(HEADER + length);
  if (!receiveId.equals(Buffer.from(config.receiveId, 'utf8'))) throw new AuthenticityError('receiveid does not match this account');
  return plain.subarray(HEADER, HEADER + length).toString('utf8');
}

/** PKCS#7 with 32-byte blocks: the last byte n must be 1..32 and the last n bytes must all equal n. */
function unpad(padded: Buffer): Buffer {
  const n = padded[padded.length - 1]!;
  if (n < 1 || n > BLOCK || n > padded.length) throw new AuthenticityError('bad padding');
  for (let i = padded.length - n; i < padded.length; i++) {
    if (padded[i] !== n) throw new AuthenticityError('bad padding');
  }
  return padded.subarray(0, padded.length - n);
}
