import express, { type Request, type Response, type Router } from 'express';
import type { ChannelAdapter, RawRequest } from '../channel-adapter.ts';
import { AuthenticityError, InboundParseError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { InboundMessage } from '../messages.ts';

/** A configured inbox as the receiver needs it: its adapter and validated settings. */
export interface ReceivingInbox {
  id: string;
  key: string;
  adapter: ChannelAdapter<unknown>;
  settings: unknown;
}

/** Stores one message and queues its answer; resolves once both are durable. Returns false for a duplicate. */
export type IngestInbound = (inbox: ReceivingInbox, message: InboundMessage) => Promise<{ duplicate: boolean }>;

export interface WebhookReceiverOptions {
  inboxes: ReadonlyMap<string, ReceivingInbox>;
  ingest: IngestInbound;
  logger: Logger;
  now?: () => Date;
  /** @defaultValue '1mb' */
  bodyLimit?: string;
}

/**
 * `/webhooks/:inboxKey[/*]` for every channel: verify → parse → store + enqueue → 200.
 *
 * Like a Chatwoot webhook controller it does nothing slow, but it answers 200 only after the message is
 * stored and queued, so a crash before that makes the channel retry instead of losing the message
 * (retries are deduped by the message's external id).
 */
export function createWebhookReceiver(options: WebhookReceiverOptions): Router {
  const now = options.now ?? (() => new Date());
  const router = express.Router();
  // Raw bytes: signatures are computed over the body exactly as sent.
  router.use(express.raw({ type: () => true, limit: options.bodyLimit ?? '1mb' }));
  router.all('/:inboxKey{/*rest}', async (req: Request, res: Response) => {
    const inboxKey = String(req.params.inboxKey);
    const inbox = options.inboxes.get(inboxKey);
    const log = options.logger.child({ inbox: inboxKey, method: req.method });
    if (!inbox) {
      log.warn('webhook for an unknown inbox');
      res.status(404).json({ error: 'unknown_inbox' });
      return;
    }
    const raw = toRawRequest(req);
    try {
      inbox.adapter.verify(raw, inbox.settings, now());
      const parsed = inbox.adapter.parse(raw, inbox.settings);
      if (parsed.kind === 'handshake') {
        res.status(200).type(parsed.contentType).send(parsed.responseBody);
        return;
      }
      let accepted = 0;
      for (const message of parsed.messages) {
        const { duplicate } = await options.ingest(inbox, message);
        if (!duplicate) accepted += 1;
      }
      log.info({ received: parsed.messages.length, accepted, ignored: parsed.ignored }, 'webhook handled');
      res.status(200).json({ ok: true });
    } catch (error) {
      respondToFailure(error, res, log);
    }
  });
  return router;
}

function respondToFailure(error: unknown, res: Response, log: Logger): void {
  if (error instanceof AuthenticityError) {
    log.warn({ reason: error.message }, 'webhook rejected: not authentic');
    res.status(401).json({ error: 'unauthorized', message: error.message });
  } else if (error instanceof InboundParseError) {
    log.warn({ reason: error.message }, 'webhook rejected: malformed');
    res.status(400).json({ error: 'bad_request', message: error.message });
  } else {
    // Storage or queue failure: 500 makes the channel retry, and the retry is deduped.
    log.error({ err: error }, 'webhook failed; the channel will retry');
    res.status(500).json({ error: 'internal' });
  }
}

function toRawRequest(req: Request): RawRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  const query: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.query)) query[name] = typeof value === 'string' ? value : undefined;
  const rest = req.params.rest;
  return {
    method: req.method,
    path: Array.isArray(rest) ? `/${rest.join('/')}` : rest ? `/${String(rest)}` : '',
    headers,
    query,
    body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
  };
}
