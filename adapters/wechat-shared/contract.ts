/**
 * The channel contract as the WeChat family imports it: one place, so these adapters name core's types
 * through a single door.
 */
export type {
  AdapterDependencies,
  ChannelAdapter,
  ChannelCapabilities,
  ChannelEvent,
  ChannelFactory,
  InboxOf,
  ParsedRequest,
  PullResult,
  RawRequest,
  SendContext,
  SyncReply,
  TokenStore,
  WebhookResponse,
} from '../../core/channel-adapter.ts';
export type { Attachment, ChannelKind, ChannelUser, ConversationReference, InboundMessage, OutboundMessage, SendReceipt } from '../../core/messages.ts';
