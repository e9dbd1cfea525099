/**
 * The normalized message shapes every channel adapter produces and consumes.
 *
 * Why one shape: the dialog engine, the router and (later) the human-handoff and admin code must never
 * branch on channel payloads. Channel-specific facts that the core needs (a send budget, a sync-reply
 * deadline) are modelled explicitly here rather than hidden in an `any` bag.
 */

/** Every channel the hub knows. Later issues add their kinds here (wechat_kf, wechat_official, wecom, slack, email). */
export type ChannelKind = 'telegram' | 'http' | 'wechat_kf' | 'wechat_official' | 'wecom';

/** Who wrote a message. Authorship is what stops reply loops: the bot never answers bot/agent/system text. */
export type Author = 'customer' | 'bot' | 'agent' | 'system';

/** Incoming = from the customer to us; outgoing = from us (bot or agent) to the customer. */
export type Direction = 'incoming' | 'outgoing';

/** A file or media item attached to a message, referenced by the channel's own id or URL (never inlined). */
export interface Attachment {
  kind: 'image' | 'audio' | 'video' | 'file' | 'location' | 'sticker';
  /** The channel's handle for the item (Telegram file_id, a URL, …). */
  ref: string;
  name?: string;
  mimeType?: string;
}

/**
 * Everything needed to talk to a customer later, from any process, without the original request.
 * Serializable (plain JSON) so it can live in the database and in job data.
 */
export interface ConversationReference {
  channel: ChannelKind;
  /** The configured channel account (Inbox) the customer wrote to. */
  inboxId: string;
  /** The channel's id for the conversation (Telegram chat id, the HTTP channel's conversation id, …). */
  externalConversationId: string;
  /** The channel's id for the customer. */
  externalUserId: string;
}

/** The customer as the channel describes them; stored as a Contact + ChannelIdentity. */
export interface ChannelUser {
  externalUserId: string;
  displayName?: string;
  /** BCP-47-ish language hint from the channel (Telegram's language_code), if any. */
  locale?: string;
}

/** One customer message, normalized. Produced by an adapter's pure `parse`. */
export interface InboundMessage {
  reference: ConversationReference;
  from: ChannelUser;
  /** The channel's id for this message, unique per inbox: the dedupe key for webhook retries. */
  externalMessageId: string;
  text: string;
  attachments: Attachment[];
  /** When the channel says the customer sent it. */
  sentAt: Date;
  /** Set when the message stands for an action rather than words (a menu click mapped to one). */
  action?: CustomerAction;
}

/** What a customer can ask for without typing: a person, or one FAQ's answer. */
export type CustomerAction = { type: 'human' } | { type: 'faq'; faqId: string };

/** A message we want delivered to a customer. */
export interface OutboundMessage {
  text: string;
  attachments?: Attachment[];
  /** Quick replies, e.g. "did you mean A / B / C?" — rendered as buttons where the channel has them. */
  suggestions?: string[];
  /** The channel's id of the customer message this answers, for channels that thread replies. */
  replyToExternalMessageId?: string;
}

/** What a successful send returns: the channel's id for the sent message (stored, so echoes are ignored). */
export interface SendReceipt {
  externalMessageId: string;
}
