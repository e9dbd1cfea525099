/**
 * The customer's server during a benchmark: receives the hub's signed callbacks, checks the signature with
 * its own HMAC code, and counts answers per inbound message id (`message.reply_to`), so lost and
 * duplicated answers can be told apart. Does no other work, so it measures the hub rather than itself.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cleanup } from './cleanup.ts';

export interface AnswerCounter {
  url: string;
  /** Inbound message id → arrival times (performance.now) of its answers. */
  answers: Map<string, number[]>;
  /** Callbacks refused for a bad signature, or without reply_to. */
  refused: number;
  /**
   * Callbacks carrying a `message.id` that came before: the same reply sent again (after a crash between
   * sending and recording it). A receiver that deduplicates by message id, as the channel asks, sees it once.
   */
  resends: number;
  /** Resolves once every id in `ids` has an answer, or after `timeoutMs`; returns when the last arrived. */
  waitForAll(ids: Iterable<string>, timeoutMs: number): Promise<{ drained: boolean; lastAt: number }>;
}

export async function startAnswerCounter(outboundSecret: string, cleanup: Cleanup): Promise<AnswerCounter> {
  const answers = new Map<string, number[]>();
  const counter: AnswerCounter = { url: '', answers, refused: 0, resends: 0, waitForAll };
  const messageIds = new Set<string>();
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const at = performance.now();
      const { replyTo, messageId } = isSigned(req, raw, outboundSecret) ? idsOf(raw) : {};
      if (replyTo === undefined) {
        counter.refused += 1;
        res.writeHead(401).end();
        return;
      }
      if (messageId !== undefined) {
        if (messageIds.has(messageId)) counter.resends += 1;
        else messageIds.add(messageId);
      }
      const times = answers.get(replyTo);
      if (times) times.push(at);
      else answers.set(replyTo, [at]);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.add('answer counter', () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));
  counter.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/kefu/callback`;

  async function waitForAll(ids: Iterable<string>, timeoutMs: number) {
    const wanted = [...ids];
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const missing = wanted.filter((id) => !answers.has(id)).length;
      if (missing === 0) {
        const lastAt = Math.max(0, ...wanted.map((id) => answers.get(id)![0]!));
        return { drained: true, lastAt };
      }
      if (performance.now() > deadline) return { drained: false, lastAt: performance.now() };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return counter;
}

function isSigned(req: IncomingMessage, raw: string, secret: string): boolean {
  const timestamp = req.headers['x-kefu-timestamp'];
  const signature = req.headers['x-kefu-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The inbound message a callback answers (`message.reply_to`) and the callback's own `message.id`. */
function idsOf(raw: string): { replyTo?: string; messageId?: string } {
  try {
    const body = JSON.parse(raw) as { message?: { reply_to?: unknown; id?: unknown } };
    return {
      ...(typeof body.message?.reply_to === 'string' ? { replyTo: body.message.reply_to } : {}),
      ...(typeof body.message?.id === 'string' ? { messageId: body.message.id } : {}),
    };
  } catch {
    return {};
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
