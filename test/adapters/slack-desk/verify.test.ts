import { describe, expect, it } from 'vitest';
import { signSlackRequest, verifySlackRequest } from '../../../adapters/slack-desk/verify.ts';
import { AuthenticityError } from '../../../core/errors.ts';

// The fresh vector of slack.md §6.
const SECRET = 'c44c180dfd2b22a7eb7d98b6096772f4';
const TIMESTAMP = '1761500000';
const BODY = Buffer.from('payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A%5B%7B%22action_id%22%3A%22claim%22%2C%22value%22%3A%22conv_42%22%7D%5D%7D');
const SIGNATURE = 'v0=6f474ad9f9cce40b64c573311428ddcd2deeda339f799830e3cb0fd522d064bd';
const at = (seconds: number): Date => new Date(seconds * 1000);
const headers = (overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> => ({
  'x-slack-request-timestamp': TIMESTAMP, 'x-slack-signature': SIGNATURE, ...overrides,
});

describe('verifySlackRequest', () => {
  it('signs the fresh vector as Slack does', () => {
    expect(signSlackRequest(SECRET, TIMESTAMP, BODY)).toBe(SIGNATURE);
  });

  it.each([0, 300, -300])('accepts the vector %d s from its timestamp', (offset) => {
    expect(() => verifySlackRequest({ headers: headers(), body: BODY }, SECRET, at(1761500000 + offset))).not.toThrow();
  });

  it.each([
    ['301 s late (replay)', headers(), BODY, 1761500301],
    ['301 s early (future timestamp)', headers(), BODY, 1761499699],
    ['a changed body', headers(), Buffer.concat([BODY, Buffer.from('x')]), 1761500000],
    ['a wrong signature', headers({ 'x-slack-signature': SIGNATURE.replace('6f', '7f') }), BODY, 1761500000],
    ['a wrong secret', headers({ 'x-slack-signature': signSlackRequest('0'.repeat(32), TIMESTAMP, BODY) }), BODY, 1761500000],
    ['no signature', headers({ 'x-slack-signature': undefined }), BODY, 1761500000],
    ['no timestamp', headers({ 'x-slack-request-timestamp': undefined }), BODY, 1761500000],
    ['a non-numeric timestamp', headers({ 'x-slack-request-timestamp': '1761500000.5' }), BODY, 1761500000],
  ] as const)('refuses %s', (_name, requestHeaders, body, nowSeconds) => {
    expect(() => verifySlackRequest({ headers: requestHeaders, body }, SECRET, at(nowSeconds))).toThrow(AuthenticityError);
  });
});
