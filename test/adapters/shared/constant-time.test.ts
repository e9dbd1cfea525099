import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../../../adapters/shared/constant-time.ts';
import { hmacSha256Hex } from '../../../adapters/shared/hmac.ts';

describe('constantTimeEqual', () => {
  it('accepts equal strings and rejects different ones of any length', () => {
    expect(constantTimeEqual('s3cret-token', 's3cret-token')).toBe(true);
    expect(constantTimeEqual('s3cret-token', 's3cret-tokeN')).toBe(false);
    expect(constantTimeEqual('s3cret', 's3cret-token')).toBe(false);
    expect(constantTimeEqual('', 's3cret-token')).toBe(false);
  });
});

describe('hmacSha256Hex', () => {
  it('matches RFC 4231 test case 2 for a single part', () => {
    expect(hmacSha256Hex('Jefe', ['what do ya want for nothing?'])).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('joins parts with a dot, Buffers included', () => {
    expect(hmacSha256Hex('k', ['1700000000', Buffer.from('{"a":1}')])).toBe(hmacSha256Hex('k', ['1700000000.{"a":1}']));
  });
});
