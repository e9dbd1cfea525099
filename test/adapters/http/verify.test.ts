import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inboxOf } from '../../support/inbox.ts';
import type { RawRequest } from '../../../core/channel-adapter.ts';
import { AuthenticityError } from '../../../core/errors.ts';
import { createHttpChannelAdapter, signHttpChannelRequest, type HttpChannelSettings } from '../../../adapters/http/index.ts';

const settings: HttpChannelSettings = {
  inboundSecret: 'in-secret-0123456789', outboundSecret: 'out-secret-0123456789',
  callbackUrl: 'https://shop.example.com/kefu', timeoutMs: 10_000,
};
const sentAt = new Date('2024-05-01T12:00:00Z');
const body = Buffer.from('{"conversation_id":"c1","user":{"id":"u1"},"message":{"id":"m1","text":"hi"}}');

function signedRequest(headers: Record<string, string>, requestBody: Buffer = body): RawRequest {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return { method: 'POST', path: '', headers: lower, query: {}, body: requestBody };
}

const verify = (request: RawRequest, now: Date) => createHttpChannelAdapter().verify(request, inboxOf(settings, 'inbox-1'), now);

describe('HTTP channel signing', () => {
  it('produces the documented headers: unix seconds and v1=<hex HMAC-SHA256 of "<ts>.<body>">', () => {
    const headers = signHttpChannelRequest(body, settings.inboundSecret, sentAt);
    const expected = createHmac('sha256', settings.inboundSecret).update(`1714564800.${body.toString()}`).digest('hex');
    expect(headers).toEqual({ 'X-Kefu-Timestamp': '1714564800', 'X-Kefu-Signature': `v1=${expected}` });
  });
});

describe('HTTP channel verify', () => {
  const headers = signHttpChannelRequest(body, settings.inboundSecret, sentAt);

  it('accepts a request signed with the inbound secret, up to 300 s either side of now', () => {
    expect(() => verify(signedRequest(headers), sentAt)).not.toThrow();
    expect(() => verify(signedRequest(headers), new Date(sentAt.getTime() + 300_000))).not.toThrow();
    expect(() => verify(signedRequest(headers), new Date(sentAt.getTime() - 300_000))).not.toThrow();
  });

  it('accepts an upper-case hex signature', () => {
    const upper = { ...headers, 'X-Kefu-Signature': `v1=${headers['X-Kefu-Signature'].slice(3).toUpperCase()}` };
    expect(() => verify(signedRequest(upper), sentAt)).not.toThrow();
  });

  it.each([
    ['a replay 301 s later', headers, body, new Date(sentAt.getTime() + 301_000), /replay window/],
    ['a timestamp 301 s in the future', headers, body, new Date(sentAt.getTime() - 301_000), /replay window/],
    ['a missing signature', { 'X-Kefu-Timestamp': headers['X-Kefu-Timestamp'] }, body, sentAt, /missing X-Kefu-Signature/],
    ['a missing timestamp', { 'X-Kefu-Signature': headers['X-Kefu-Signature'] }, body, sentAt, /missing X-Kefu-Timestamp/],
    ['a non-numeric timestamp', { ...headers, 'X-Kefu-Timestamp': '2024-05-01T12:00:00Z' }, body, sentAt, /unix seconds/],
    ['a refreshed timestamp (not covered by the signature)', { ...headers, 'X-Kefu-Timestamp': '1714564801' }, body, sentAt, /wrong/],
    ['a tampered body', headers, Buffer.from(body.toString().replace('hi', 'ho')), sentAt, /wrong/],
    ['a signature made with the outbound secret', signHttpChannelRequest(body, settings.outboundSecret, sentAt), body, sentAt, /wrong/],
    ['an unknown scheme version', { ...headers, 'X-Kefu-Signature': headers['X-Kefu-Signature'].replace('v1=', 'v0=') }, body, sentAt, /must start with v1=/],
  ])('rejects %s with AuthenticityError', (_name, requestHeaders, requestBody, now, reason) => {
    expect(() => verify(signedRequest(requestHeaders, requestBody), now)).toThrow(AuthenticityError);
    expect(() => verify(signedRequest(requestHeaders, requestBody), now)).toThrow(reason);
  });
});
