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

/**
 * What an authentic request turned out to mean.
 * - `messages`: the common case, zero or more customer messages (zero = an update we deliberately ignore).
 * - `handshake`: the channel is verifying the URL (WeCom echostr); answer with this body, store nothing.
 * (Later: `fetch` for channels whose callback only says "new messages, come and pull them" — WeChat kf.)
 */
export type ParsedRequest =
  | { kind: 'messages'; messages: InboundMessage[]; ignored?: string }
  | { kind: 'handshake'; responseBody: string; contentType: string };

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

/**
 * One channel: how to authenticate, read and answer it.
 *
 * `verify` and `parse` are pure (no I/O, clock passed in), so they are unit-tested with bytes and can be
 * fuzzed; `send` is the adapter's only I/O. `Settings` is the inbox's channel configuration, validated at
 * start-up by `settingsSchema`-style code in the adapter, so a missing secret stops the hub from starting.
 */
export interface ChannelAdapter<Settings = unknown> {
  readonly kind: ChannelKind;
  /** Throws AuthenticityError unless the request provably comes from the channel. Runs before anything else. */
  verify(request: RawRequest, settings: Settings, now: Date): void;
  /** Throws InboundParseError for unreadable input. Must not be called on unverified requests. */
  parse(request: RawRequest, settings: Settings): ParsedRequest;
  /** Delivers one message. Throws ChannelApiError / ChannelNetworkError; the queue decides on retries. */
  send(reference: ConversationReference, message: OutboundMessage, settings: Settings, context?: SendContext): Promise<SendReceipt>;
  /**
   * For channels that are told where to push (Telegram's setWebhook): called at start-up with
   * `PUBLIC_URL/webhooks/<inbox key>`. Channels configured on the vendor's console leave it out.
   */
  registerWebhook?(url: string, settings: Settings): Promise<void>;
}
