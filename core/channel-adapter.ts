import type { z } from 'zod';
import type { Logger } from './logger.ts';
import type { ChannelKind, ConversationReference, InboundMessage, OutboundMessage, SendReceipt } from './messages.ts';

/**
 * A webhook request as the adapter sees it: the raw body bytes (signatures are computed over them, so the
 * body is never re-serialized), lower-cased headers and the query string.
 */
export interface RawRequest {
  method: string;
  /** Path after the inbox prefix, e.g. '' or '/events'. */
  path: string;
  headers: Readonly<Record<string, string | undefined>>;
  query: Readonly<Record<string, string | undefined>>;
  body: Buffer;
}

/** One configured inbox as every adapter function receives it: its identity and its validated settings. */
export interface InboxOf<Settings> {
  id: string;
  key: string;
  name: string;
  settings: Settings;
}

/**
 * What a channel can do, read by delivery (splitting, buttons) and by routing (send budget, window).
 * Declared by the adapter so core never branches on the channel's kind.
 */
export interface ChannelCapabilities {
  /** Maximum characters in one outgoing text; longer answers are split on a character boundary. */
  textLimit: number;
  /** Quick replies render as buttons; otherwise a "did you mean" becomes a numbered list in the text. */
  buttons: boolean;
  /** Hours after the customer's last message during which we may still write (WeChat: 48). */
  sendWindowHours?: number;
  /** Messages we may send per customer message (WeChat kf's send budget). */
  sendBudgetPerInbound?: number;
  /** The answer may go back inside the webhook response when ready within this time (WeChat OA passive reply). */
  syncReplyDeadlineMs?: number;
}

/** A cache every process shares (database-backed): channel access tokens live here, never in logs. */
export interface TokenStore {
  get(key: string): Promise<{ value: string; expiresAt: Date } | undefined>;
  set(key: string, value: string, expiresAt: Date): Promise<void>;
  delete(key: string): Promise<void>;
}

/** What adapters and desks are built with: no globals, so tests inject a loopback fetch and a clock. */
export interface AdapterDependencies {
  fetch: typeof fetch;
  now: () => Date;
  tokens: TokenStore;
  logger: Logger;
}

/** A happening that is not a customer message but worth recording (kf msg_send_fail, session state, OA subscribe). */
export interface ChannelEvent {
  type: string;
  externalUserId?: string;
  externalConversationId?: string;
  details: Record<string, unknown>;
}

/**
 * What an authentic request turned out to mean.
 * - `messages`: the common case, zero or more customer messages (zero = an update we deliberately ignore).
 * - `handshake`: the channel is verifying the URL (WeCom echostr); answer with this body, store nothing.
 * - `pull`: the callback only says "new messages, come and fetch them" (WeChat kf); `hint` goes to `pull`.
 */
export type ParsedRequest =
  | { kind: 'messages'; messages: InboundMessage[]; events?: ChannelEvent[]; ignored?: string }
  | { kind: 'handshake'; responseBody: string; contentType: string }
  | { kind: 'pull'; hint?: string; events?: ChannelEvent[] };

/** The HTTP answer to an accepted request, rendered by the adapter (WeChat wants `success`, a passive reply…). */
export interface WebhookResponse {
  status: number;
  contentType: string;
  body: string;
}

/** A reply that made it into the webhook response (see `ChannelCapabilities.syncReplyDeadlineMs`). */
export interface SyncReply {
  reference: ConversationReference;
  message: OutboundMessage;
}

/** One page of a pull channel's messages and the cursor to continue from. */
export interface PullResult {
  messages: InboundMessage[];
  events?: ChannelEvent[];
  nextCursor: string;
  hasMore: boolean;
}

/** Per-call facts passed to `send`. */
export interface SendContext {
  /** Cancels the send (shutdown, job timeout). */
  signal?: AbortSignal;
  /**
   * Stable across retries of the same message (our stored message id), so a channel whose API accepts an
   * idempotency key — or a customer's own server behind the HTTP channel — can drop a repeated delivery.
   */
  idempotencyKey?: string;
}

/** The body every channel without a `respond` gets for an accepted request. */
export const DEFAULT_WEBHOOK_RESPONSE: WebhookResponse = { status: 200, contentType: 'application/json', body: '{"ok":true}' };

/**
 * One channel: how to authenticate, read and answer it.
 *
 * `verify` and `parse` are pure (no I/O, clock passed in), so they are unit-tested with bytes and can be
 * fuzzed; `send` and `pull` are the adapter's I/O, through the dependencies its factory was given.
 */
export interface ChannelAdapter<Settings> {
  readonly kind: ChannelKind;
  capabilities(settings: Settings): ChannelCapabilities;
  /** Throws AuthenticityError unless the request provably comes from the channel. Runs before anything else. */
  verify(request: RawRequest, inbox: InboxOf<Settings>, now: Date): void;
  /** Throws InboundParseError for unreadable input. Must not be called on unverified requests. */
  parse(request: RawRequest, inbox: InboxOf<Settings>): ParsedRequest;
  /** The body for an accepted request; `reply` is set when the answer was ready in time. @defaultValue DEFAULT_WEBHOOK_RESPONSE */
  respond?(request: RawRequest, inbox: InboxOf<Settings>, outcome: { reply?: SyncReply }): WebhookResponse;
  /** Delivers one message (text within `textLimit`). Throws ChannelApiError / ChannelNetworkError; the queue decides on retries. */
  send(reference: ConversationReference, message: OutboundMessage, inbox: InboxOf<Settings>, context?: SendContext): Promise<SendReceipt>;
  /** "Come and fetch" channels: one page from `cursor` (undefined = the start). Core stores the cursor and holds one puller per inbox. */
  pull?(inbox: InboxOf<Settings>, cursor: string | undefined, hint: string | undefined): Promise<PullResult>;
  /**
   * For channels that are told where to push (Telegram's setWebhook): called at start-up with
   * `PUBLIC_URL/webhooks/<inbox key>`. Channels configured on the vendor's console leave it out.
   */
  registerWebhook?(url: string, inbox: InboxOf<Settings>): Promise<void>;
}

/** How a channel is registered: the schema its inbox settings must pass at start-up, and a factory. */
export interface ChannelFactory<Settings> {
  readonly kind: ChannelKind;
  readonly settingsSchema: z.ZodType<Settings, unknown>;
  create(deps: AdapterDependencies): ChannelAdapter<Settings>;
}

/**
 * An inbox wired to its adapter. The settings type is hidden behind the pairing (an existential), so a
 * registry of different channels holds no `any`: whoever holds a WiredInbox can only hand the inbox's own
 * settings to the inbox's own adapter.
 */
export interface WiredInbox {
  readonly id: string;
  readonly key: string;
  readonly name: string;
  readonly kind: ChannelKind;
  readonly answerThreshold?: number;
  readonly capabilities: ChannelCapabilities;
  readonly canPull: boolean;
  verify(request: RawRequest, now: Date): void;
  parse(request: RawRequest): ParsedRequest;
  respond(request: RawRequest, outcome: { reply?: SyncReply }): WebhookResponse;
  send(reference: ConversationReference, message: OutboundMessage, context?: SendContext): Promise<SendReceipt>;
  pull(cursor: string | undefined, hint: string | undefined): Promise<PullResult>;
  registerWebhook?(url: string): Promise<void>;
}

/** Pairs an adapter with one inbox's settings; the only place the two meet. */
export function wireInbox<Settings>(
  adapter: ChannelAdapter<Settings>,
  inbox: InboxOf<Settings> & { answerThreshold?: number },
): WiredInbox {
  const registerWebhook = adapter.registerWebhook;
  return {
    id: inbox.id,
    key: inbox.key,
    name: inbox.name,
    kind: adapter.kind,
    answerThreshold: inbox.answerThreshold,
    capabilities: adapter.capabilities(inbox.settings),
    canPull: adapter.pull !== undefined,
    verify: (request, now) => adapter.verify(request, inbox, now),
    parse: (request) => adapter.parse(request, inbox),
    respond: (request, outcome) => adapter.respond?.(request, inbox, outcome) ?? DEFAULT_WEBHOOK_RESPONSE,
    send: (reference, message, context) => adapter.send(reference, message, inbox, context),
    pull: async (cursor, hint) => {
      if (!adapter.pull) throw new Error(`channel ${adapter.kind} has no pull`);
      return await adapter.pull(inbox, cursor, hint);
    },
    ...(registerWebhook ? { registerWebhook: (url: string) => registerWebhook(url, inbox) } : {}),
  };
}
