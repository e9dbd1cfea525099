/**
 * A loopback "customer server" for the HTTP channel: a real HTTP server that receives the hub's
 * callbacks and checks them the way the documented contract tells customers to, with its own HMAC code
 * (deliberately not the adapter's, so a bug in one cannot hide a bug in the other).
 *
 * Answers 200 `{ "message_id": "cust-<n>" }` by default; 401 for a bad or stale signature; test switches
 * make the next answers fail (500 / 429 with Retry-After / 400 …) or omit the message id.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCallback {
  headers: IncomingMessage['headers'];
  rawBody: string;
  body: unknown;
}

export interface CannedAnswer { status: number; headers?: Record<string, string>; body?: string }

export interface HttpCallbackReceiver {
  /** Configure as the inbox's `callbackUrl`. */
  url: string;
  /** Callbacks that passed the signature check, in order. */
  received: ReceivedCallback[];
  /** How many requests were refused with 401. */
  rejectedCount: number;
  /** Answer the next `count` verified callbacks with this instead of 200. */
  respondNext(count: number, answer: CannedAnswer): void;
  /** Answer 2xx without a `message_id` (an empty 204). */
  omitMessageIds(): void;
  close(): Promise<void>;
}

export async function startHttpCallbackReceiver(options: {
  outboundSecret: string;
  /** Allowed clock skew; pass Infinity when the sender uses a fake clock. @defaultValue 300 */
  maxSkewSeconds?: number;
}): Promise<HttpCallbackReceiver> {
  const canned: CannedAnswer[] = [];
  let withMessageIds = true;
  const state: HttpCallbackReceiver = {
    url: '', received: [], rejectedCount: 0,
    respondNext: (count, answer) => { for (let i = 0; i < count; i++) canned.push(answer); },
    omitMessageIds: () => { withMessageIds = false; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };

  const server = createServer((req, res) => {
    void readBody(req).then((rawBody) => {
      if (req.method !== 'POST' || !isSigned(req, rawBody, options.outboundSecret, options.maxSkewSeconds ?? 300)) {
        state.rejectedCount++;
        return answer(res, { status: 401, body: '{"error":"bad signature"}' });
      }
      state.received.push({ headers: req.headers, rawBody, body: JSON.parse(rawBody) as unknown });
      const next = canned.shift();
      if (next) return answer(res, next);
      if (!withMessageIds) return answer(res, { status: 204 });
      answer(res, { status: 200, body: JSON.stringify({ message_id: `cust-${state.received.length}` }) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kefu/callback`;
  return state;
}

function isSigned(req: IncomingMessage, rawBody: string, secret: string, maxSkewSeconds: number): boolean {
  const timestamp = req.headers['x-kefu-timestamp'];
  const signature = req.headers['x-kefu-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string' || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > maxSkewSeconds) return false;
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function answer(res: ServerResponse, canned: CannedAnswer): void {
  res.writeHead(canned.status, { 'content-type': 'application/json', ...canned.headers }).end(canned.body ?? '');
}
