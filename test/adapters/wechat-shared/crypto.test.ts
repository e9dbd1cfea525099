import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuthenticityError } from '../../../core/errors.ts';
import { assertSignature, decryptMessage, encryptMessage, wechatSignature } from '../../../adapters/wechat-shared/crypto.ts';
import { OA_FRESH, TENCENT, WECOM_FRESH } from './vectors.ts';
import { createCipheriv } from 'node:crypto';

const tencent = { encodingAesKey: TENCENT.encodingAesKey, receiveId: TENCENT.corpId };
const wecom = { encodingAesKey: WECOM_FRESH.encodingAesKey, receiveId: WECOM_FRESH.corpId };
const oa = { encodingAesKey: OA_FRESH.encodingAesKey, receiveId: OA_FRESH.appId };

describe('Tencent published sample (Token QDG6eK, CorpID wx5823bf96d3bd56c7)', () => {
  it('signs and decrypts the URL-verification echostr', () => {
    const v = TENCENT.verify;
    expect(wechatSignature(TENCENT.token, v.timestamp, v.nonce, v.echostr)).toBe(v.msgSignature);
    expect(decryptMessage(v.echostr, tencent)).toBe(v.echoPlain);
  });
  it('signs and decrypts the sample message', () => {
    const m = TENCENT.message;
    expect(wechatSignature(TENCENT.token, m.timestamp, m.nonce, m.encrypt)).toBe(m.msgSignature);
    expect(decryptMessage(m.encrypt, tencent)).toBe(m.plain);
  });
  it('refuses the sample for another corp id', () => {
    expect(() => decryptMessage(TENCENT.message.encrypt, { ...tencent, receiveId: 'wx5823bf96d3bd56c8' })).toThrow(AuthenticityError);
  });
});

describe('fresh vectors from the protocol notes', () => {
  it('WeCom: echostr, inbound message and passive reply', () => {
    expect(wechatSignature(WECOM_FRESH.token, WECOM_FRESH.verify.timestamp, WECOM_FRESH.verify.nonce, WECOM_FRESH.verify.echostr)).toBe(WECOM_FRESH.verify.msgSignature);
    expect(decryptMessage(WECOM_FRESH.verify.echostr, wecom)).toBe(WECOM_FRESH.verify.echoPlain);
    const m = WECOM_FRESH.message;
    expect(wechatSignature(WECOM_FRESH.token, m.timestamp, m.nonce, m.encrypt)).toBe(m.msgSignature);
    expect(decryptMessage(m.encrypt, wecom)).toBe(m.plain);
    expect(encryptMessage(m.plain, wecom, Buffer.from(m.random16))).toBe(m.encrypt);
    const r = WECOM_FRESH.reply;
    const encrypted = encryptMessage(r.plain, wecom, Buffer.from(r.random16));
    expect(encrypted).toBe(r.encrypt);
    expect(wechatSignature(WECOM_FRESH.token, r.timestamp, r.nonce, encrypted)).toBe(r.msgSignature);
  });
  it('Official Account: 3-part signature, safe-mode message and encrypted reply', () => {
    const v = OA_FRESH.verify;
    expect(wechatSignature(OA_FRESH.token, v.timestamp, v.nonce)).toBe(v.signature);
    const m = OA_FRESH.message;
    expect(wechatSignature(OA_FRESH.token, m.timestamp, m.nonce)).toBe(m.signature);
    expect(wechatSignature(OA_FRESH.token, m.timestamp, m.nonce, m.encrypt)).toBe(m.msgSignature);
    expect(decryptMessage(m.encrypt, oa)).toBe(m.plain);
    expect(encryptMessage(m.plain, oa, Buffer.from(m.random16))).toBe(m.encrypt);
    const r = OA_FRESH.reply;
    expect(encryptMessage(r.plain, oa, Buffer.from(r.random16))).toBe(r.encrypt);
    expect(wechatSignature(OA_FRESH.token, r.timestamp, r.nonce, r.encrypt)).toBe(r.msgSignature);
  });
  it('a plaintext aligned to 32 bytes gets a whole block of 0x20 and round-trips', () => {
    // 16 + 4 + len + 18 (receiveid) = 64 → len 26
    const message = 'x'.repeat(26);
    const encrypted = encryptMessage(message, wecom, Buffer.alloc(16, 65));
    expect(Buffer.from(encrypted, 'base64').length).toBe(96);
    expect(decryptMessage(encrypted, wecom)).toBe(message);
  });
  it('pads of 17..32 bytes decrypt (Node auto-unpadding would throw here)', () => {
    for (let len = 0; len < 64; len++) {
      const message = '好'.repeat(len);
      expect(decryptMessage(encryptMessage(message, wecom), wecom)).toBe(message);
    }
  });
});

describe('refusals', () => {
  it('signature: missing, wrong, other case accepted', () => {
    const m = WECOM_FRESH.message;
    const parts = [WECOM_FRESH.token, m.timestamp, m.nonce, m.encrypt];
    expect(() => assertSignature(undefined, parts, 'msg_signature')).toThrow(AuthenticityError);
    expect(() => assertSignature(m.msgSignature.replace(/^./, '0'), parts, 'msg_signature')).toThrow(AuthenticityError);
    expect(() => assertSignature(m.msgSignature.toUpperCase(), parts, 'msg_signature')).not.toThrow();
  });
  it('bad padding, short text, lying length, not base64', () => {
    const key = Buffer.from(`${WECOM_FRESH.encodingAesKey}=`, 'base64');
    const raw = (plain: Buffer): string => {
      const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
      cipher.setAutoPadding(false);
      return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
    };
    expect(() => decryptMessage(raw(Buffer.alloc(32, 0)), wecom)).toThrow(/padding/);
    expect(() => decryptMessage(raw(Buffer.alloc(32, 33)), wecom)).toThrow(/padding/);
    expect(() => decryptMessage(raw(Buffer.concat([Buffer.alloc(31, 7), Buffer.from([2])])), wecom)).toThrow(/padding/);
    expect(() => decryptMessage(raw(Buffer.alloc(32, 32)), wecom)).toThrow(/too short/);
    const lying = Buffer.alloc(64, 1);
    lying.writeUInt32BE(1000, 16);
    lying[63] = 1;
    expect(() => decryptMessage(raw(lying), wecom)).toThrow(/length/);
    expect(() => decryptMessage('not base64!', wecom)).toThrow(AuthenticityError);
    expect(() => decryptMessage('', wecom)).toThrow(AuthenticityError);
    expect(() => decryptMessage('QUJD', wecom)).toThrow(AuthenticityError);
  });
});

describe('properties', () => {
  it('encrypt then decrypt returns any message for any receiveid', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ maxLength: 40 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), (message, receiveId, random) => {
        const config = { encodingAesKey: WECOM_FRESH.encodingAesKey, receiveId };
        expect(decryptMessage(encryptMessage(message, config, Buffer.from(random)), config)).toBe(message);
      }),
    );
  });
  it('decrypting arbitrary input throws AuthenticityError and nothing else', () => {
    const ciphertexts = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('base64')),
      fc.integer({ min: 1, max: 8 }).chain((blocks) => fc.uint8Array({ minLength: blocks * 32, maxLength: blocks * 32 })).map((b) => Buffer.from(b).toString('base64')),
    );
    fc.assert(
      fc.property(ciphertexts, (ciphertext) => {
        try {
          decryptMessage(ciphertext, wecom);
        } catch (error) {
          expect(error).toBeInstanceOf(AuthenticityError);
        }
      }),
      { numRuns: 500 },
    );
  });
  it('flipping any byte of a valid ciphertext never yields a crash, and never the original for another receiveid', () => {
    const encrypted = Buffer.from(WECOM_FRESH.message.encrypt, 'base64');
    fc.assert(
      fc.property(fc.nat(encrypted.length - 1), fc.integer({ min: 1, max: 255 }), (index, mask) => {
        const tampered = Buffer.from(encrypted);
        tampered[index] = tampered[index]! ^ mask;
        try {
          const plain = decryptMessage(tampered.toString('base64'), wecom);
          expect(plain).not.toBe(WECOM_FRESH.message.plain);
        } catch (error) {
          expect(error).toBeInstanceOf(AuthenticityError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
