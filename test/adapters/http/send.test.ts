import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inboxOf } from '../../support/inbox.ts';
import { ChannelApiError, ChannelNetworkError } from '../../../core/errors.ts';
import type { ConversationReference } from '../../../core/messages.ts';
import { createHttpChannelAdapter, type HttpChannelSettings } from '../../../adapters/http/index.ts';
import { startHttpCallbackReceiver, type HttpCallbackReceiver } from '../../loopback/http-callback-receiver.ts';

const OUTBOUND_SECRET = 'out-secret-0123456789';
const reference: ConversationReference = { channel: 'http', inboxId: 'web-1', externalConversationId: 'conv-9', externalUserId: 'user-3' };
let receiver: HttpCallbackReceiver;
let settings: HttpChannelSettings;
let ids = 0;
const adapter = createHttpChannelAdapter({ generateMessageId: () => `kefu-${++ids}` });

beforeEach(async () => {
  receiver = await startHttpCallbackReceiver({ outboundSecret: OUTBOUND_SECRET });
  settings = { inboundSecret: 'in-secret-0123456789', outboundSecret: OUTBOUND_SECRET, callbackUrl: receiver.url, timeoutMs: 10_000 };
});
afterEach(async () => {
  await receiver.close();
});

async function sendError(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => { throw new Error('expected the send to fail'); }, (error: unknown) => error);
}

describe('HTTP channel send', () => {
  it('POSTs the documented signed body and uses the receiver\'s message_id', async () => {
    const receipt = await adapter.send(reference, { text: 'Ships tomorrow.', suggestions: ['Track it'], replyToExternalMessageId: 'msg-1' }, inboxOf(settings, 'web-1'));
    expect(receipt).toEqual({ externalMessageId: 'cust-1' });
    expect(receiver.rejectedCount).toBe(0);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.headers['content-type']).toBe('application/json');
    expect(receiver.received[0]!.body).toEqual({
      conversation_id: 'conv-9', user_id: 'user-3',
      message: { id: `kefu-${ids}`, text: 'Ships tomorrow.', suggestions: ['Track it'], reply_to: 'msg-1' },
    });
  });

  it('falls back to our generated id when the receiver returns none', async () => {
    receiver.omitMessageIds();
    const receipt = await adapter.send(reference, { text: 'hi' }, inboxOf(settings, 'web-1'));
    expect(receipt).toEqual({ externalMessageId: `kefu-${ids}` });
    expect(receiver.received[0]!.body).toMatchObject({ message: { id: `kefu-${ids}`, suggestions: [] } });
  });

  it('is refused (401 → permanent) when signed with the wrong secret', async () => {
    const error = await sendError(adapter.send(reference, { text: 'hi' }, inboxOf({ ...settings, outboundSecret: 'another-secret-0123456789' }, 'web-1')));
    expect(receiver.rejectedCount).toBe(1);
    expect((error as ChannelApiError).details).toEqual({ status: 401, permanent: true });
  });

  it('is refused when the sender\'s clock is outside the receiver\'s window', async () => {
    const skewed = createHttpChannelAdapter({ now: () => new Date(Date.now() - 3_600_000) });
    await sendError(skewed.send(reference, { text: 'hi' }, inboxOf(settings, 'web-1')));
    expect(receiver.rejectedCount).toBe(1);
  });

  it.each([
    [500, {}, { status: 500, permanent: false }],
    [503, {}, { status: 503, permanent: false }],
    [408, {}, { status: 408, permanent: false }],
    [429, { 'retry-after': '12' }, { status: 429, permanent: false, retryAfterSeconds: 12 }],
    [400, {}, { status: 400, permanent: true }],
    [404, {}, { status: 404, permanent: true }],
    [302, { location: 'https://elsewhere.example/' }, { status: 302, permanent: true }],
  ])('maps a %i answer to ChannelApiError %j', async (status, headers, details) => {
    receiver.respondNext(1, { status, headers });
    const error = await sendError(adapter.send(reference, { text: 'hi' }, inboxOf(settings, 'web-1')));
    expect(error).toBeInstanceOf(ChannelApiError);
    expect((error as ChannelApiError).details).toEqual(details);
  });

  it('reads Retry-After given as an HTTP date', async () => {
    receiver.respondNext(1, { status: 429, headers: { 'retry-after': new Date(Date.now() + 30_000).toUTCString() } });
    const error = (await sendError(adapter.send(reference, { text: 'hi' }, inboxOf(settings, 'web-1')))) as ChannelApiError;
    expect(error.details.retryAfterSeconds).toBeGreaterThanOrEqual(28);
    expect(error.details.retryAfterSeconds).toBeLessThanOrEqual(31);
  });

  it('maps a receiver that is down to ChannelNetworkError', async () => {
    await receiver.close();
    const error = await sendError(adapter.send(reference, { text: 'hi' }, inboxOf(settings, 'web-1')));
    expect(error).toBeInstanceOf(ChannelNetworkError);
    receiver = await startHttpCallbackReceiver({ outboundSecret: OUTBOUND_SECRET });
  });

  it('gives up after timeoutMs on a receiver that never answers (ChannelNetworkError)', async () => {
    const silent = createServer(() => { /* never answers */ });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    const started = Date.now();
    try {
      const error = await sendError(adapter.send(reference, { text: 'hi' }, inboxOf({ ...settings, callbackUrl: url, timeoutMs: 200 }, 'web-1')));
      expect(error).toBeInstanceOf(ChannelNetworkError);
      expect((error as Error).message).toContain('timed out');
      // Well under the adapter's 10 s default: the configured 200 ms ended it, with room for a loaded machine.
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('uses the injected fetch', async () => {
    const urls: string[] = [];
    const recording = createHttpChannelAdapter({
      fetch: (input, init) => { urls.push(String(input)); return fetch(input, init); },
    });
    await recording.send(reference, { text: 'hi' }, inboxOf(settings, 'web-1'));
    expect(urls).toEqual([receiver.url]);
  });
});
