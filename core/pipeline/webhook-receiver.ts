import express, { type Request, type Response, type Router } from 'express';
import type { ChannelEvent, RawRequest, SyncReply, WiredInbox } from '../channel-adapter.ts';
import { AuthenticityError, InboundParseError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { InboundMessage } from '../messages.ts';

/** Stores one message and queues its answer; resolves once both are durable. */
export type IngestInbound = (inbox: Pick<WiredInbox, 'id'>, message: InboundMessage) => Promise<{ duplicate: boolean; messageId: string }>;

export interface WebhookReceiverOptions {
  inboxes: ReadonlyMap<string, WiredInbox>;
  ingest: IngestInbound;
  /** Queues a pull of a "come and fetch" inbox; resolves once the job is durable. */
  requestPull: (inbox: WiredInbox, hint: string | undefined) => Promise<void>;
  /** Records channel events that are not messages (kf msg_send_fail, subscribe…). */
  recordEvents?: (inbox: WiredInbox, events: readonly ChannelEvent[]) => Promise<void>;
  /** Waits up to `deadlineMs` for the bot's reply to a message and claims it for the response. */
  awaitSyncReply?: (messageId: string, deadlineMs: number) => Promise<ClaimedReply | undefined>;
  logger: Logger;
  now?: () => Date;
  /** @defaultValue '1mb' */
  bodyLimit?: string;
  /**
   * Told the outcome of every webhook message (the composition root counts them for /metrics): `accepted` or
   * `duplicate` per message, otherwise once per request.
   */
  onOutcome?: (inboxKey: string, outcome: WebhookOutcome) => void;
}

/** What became of a webhook: the labels of `kefu_webhooks_total`. */
export type WebhookOutcome = 'accepted' | 'duplicate' | 'unauthorized' | 'bad_request' | 'error' | 'unknown_inbox';

/** A reply claimed for a webhook response: sent when the response went out, released to the deliver job if not. */
export interface ClaimedReply extends SyncReply {
  confirm(): Promise<void>;
  release(): Promise<void>;
}

/**
 * `/webhooks/:inboxKey[/*]` for every channel: verify → parse → store + enqueue → the adapter's response.
 *
 * Like a Chatwoot webhook controller it does nothing slow, but it answers only after the message is stored
 * and queued, so a crash before that makes the channel retry instead of losing the message (retries are
 * deduped by the message's external id). A channel that takes its answer in the response (WeChat OA) gets
 * it when the bot is done within the channel's deadline; otherwise the deliver job sends it.
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
    const outcome = (what: WebhookOutcome) => options.onOutcome?.(inbox ? inboxKey : 'unknown', what);
    if (!inbox) {
      outcome('unknown_inbox');
      log.warn('webhook for an unknown inbox');
      res.status(404).json({ error: 'unknown_inbox' });
      return;
    }
    const raw = toRawRequest(req);
    try {
      inbox.verify(raw, now());
      const parsed = inbox.parse(raw);
      if (parsed.kind === 'handshake') {
        res.status(200).type(parsed.contentType).send(parsed.responseBody);
        return;
      }
      if (parsed.events?.length && options.recordEvents) await options.recordEvents(inbox, parsed.events);
      if (parsed.kind === 'pull') {
        await options.requestPull(inbox, parsed.hint);
        log.info('webhook handled: pull queued');
        send(res, inbox.respond(raw, {}));
        return;
      }
      const accepted: string[] = [];
      for (const message of parsed.messages) {
        const { duplicate, messageId } = await options.ingest(inbox, message);
        if (!duplicate) accepted.push(messageId);
        outcome(duplicate ? 'duplicate' : 'accepted');
      }
      log.info({ received: parsed.messages.length, accepted: accepted.length, ignored: parsed.ignored }, 'webhook handled');
      const deadline = inbox.capabilities.syncReplyDeadlineMs;
      const claimed = deadline && accepted.length === 1 && options.awaitSyncReply ? await options.awaitSyncReply(accepted[0]!, deadline) : undefined;
      if (!claimed) {
        send(res, inbox.respond(raw, {}));
        return;
      }
      // Sent once the response is out; if the connection is gone first, the deliver job sends it instead.
      res.once('finish', () => void claimed.confirm().catch((error: unknown) => log.error({ err: error }, 'sync reply: recording the send failed')));
      res.once('close', () => {
        if (!res.writableFinished) void claimed.release().catch((error: unknown) => log.error({ err: error }, 'sync reply: release failed'));
      });
      send(res, inbox.respond(raw, { reply: claimed }));
    } catch (error) {
      outcome(respondToFailure(error, res, log));
    }
  });
  return router;
}

function send(res: Response, response: { status: number; contentType: string; body: string }): void {
  res.status(response.status).type(response.contentType).send(response.body);
}

function respondToFailure(error: unknown, res: Response, log: Logger): WebhookOutcome {
  if (error instanceof AuthenticityError) {
    log.warn({ reason: error.message }, 'webhook rejected: not authentic');
    res.status(401).json({ error: 'unauthorized', message: error.message });
    return 'unauthorized';
  }
  if (error instanceof InboundParseError) {
    log.warn({ reason: error.message }, 'webhook rejected: malformed');
    res.status(400).json({ error: 'bad_request', message: error.message });
    return 'bad_request';
  }
  // Storage or queue failure: 500 makes the channel retry, and the retry is deduped.
  log.error({ err: error }, 'webhook failed; the channel will retry');
  res.status(500).json({ error: 'internal' });
  return 'error';
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
