/**
 * LOCAL COPY of the channel contract landing on main with issue 17 (/work/wt/CONTRACT.md), so the WeChat
 * channels compile before it lands. TODO(issue 17): once core/channel-adapter.ts has these shapes, replace this
 * file's body with re-exports from core/ (every WeChat file imports the contract from here, so only this file
 * changes).
 */
import type { z } from 'zod';
import type { RawRequest, SendContext } from '../../core/channel-adapter.ts';
import type { Logger } from '../../core/logger.ts';
import type * as core from '../../core/messages.ts';

export type { RawRequest, SendContext };
export type { Attachment, ChannelUser, OutboundMessage, SendReceipt } from '../../core/messages.ts';

/** `ChannelKind` as it grows in issue 17. */
export type ChannelKind = core.ChannelKind | 'wechat_kf' | 'wechat_official' | 'wecom';
export interface ConversationReference extends Omit<core.ConversationReference, 'channel'> {
  channel: ChannelKind;
}
export interface InboundMessage extends Omit<core.InboundMessage, 'reference'> {
  reference: ConversationReference;
}

export interface InboxOf<Settings> { id: string; key: string; name: string; settings: Settings }

export interface ChannelCapabilities {
  textLimit: number;
  buttons: boolean;
  sendWindowHours?: number;
  sendBudgetPerInbound?: number;
  syncReplyDeadlineMs?: number;
}

export interface TokenStore {
  get(key: string): Promise<{ value: string; expiresAt: Date } | undefined>;
  set(key: string, value: string, expiresAt: Date): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface AdapterDependencies {
  fetch: typeof fetch;
  now: () => Date;
  tokens: TokenStore;
  logger: Logger;
}

export interface ChannelEvent { type: string; externalUserId?: string; externalConversationId?: string; details: Record<string, unknown> }

export type ParsedRequest =
  | { kind: 'messages'; messages: InboundMessage[]; events?: ChannelEvent[]; ignored?: string }
  | { kind: 'handshake'; responseBody: string; contentType: string }
  | { kind: 'pull'; hint?: string; events?: ChannelEvent[] };

export interface WebhookResponse { status: number; contentType: string; body: string }

export interface PullResult { messages: InboundMessage[]; events?: ChannelEvent[]; nextCursor: string; hasMore: boolean }

export interface ChannelAdapter<Settings> {
  readonly kind: ChannelKind;
  capabilities(settings: Settings): ChannelCapabilities;
  verify(request: RawRequest, inbox: InboxOf<Settings>, now: Date): void;
  parse(request: RawRequest, inbox: InboxOf<Settings>): ParsedRequest;
  respond?(
    request: RawRequest,
    inbox: InboxOf<Settings>,
    outcome: { reply?: { reference: ConversationReference; message: core.OutboundMessage } },
  ): WebhookResponse;
  send(reference: ConversationReference, message: core.OutboundMessage, inbox: InboxOf<Settings>, context?: SendContext): Promise<core.SendReceipt>;
  pull?(inbox: InboxOf<Settings>, cursor: string | undefined, hint: string | undefined): Promise<PullResult>;
  registerWebhook?(url: string, inbox: InboxOf<Settings>): Promise<void>;
}

export interface ChannelFactory<Settings> {
  kind: ChannelKind;
  settingsSchema: z.ZodType<Settings>;
  create(deps: AdapterDependencies): ChannelAdapter<Settings>;
}
