/**
 * One `kf/sync_msg` page mapped to hub messages and events.
 *
 * origin 3 (the WeChat customer) → InboundMessage: conversation `${open_kfid}:${external_userid}` (a session
 * is one customer × one kf account), message id = msgid (the dedupe key: sync_msg may hand a message out again
 * after a lost cursor). origin 4 (system events: enter_session, msg_send_fail, session/servicer status) and
 * origin 5 (a person answering from the WeCom client) → ChannelEvents, recorded, never answered.
 */
import { z } from 'zod';
import { ChannelNetworkError } from '../../core/errors.ts';
import type { Attachment, ChannelEvent, InboundMessage, PullResult } from '../wechat-shared/contract.ts';
import { describeZodError } from '../shared/zod-issues.ts';

const media = z.object({ media_id: z.string() }).partial();
const kfItemSchema = z.looseObject({
  msgid: z.string().min(1),
  open_kfid: z.string().default(''),
  external_userid: z.string().optional(),
  send_time: z.number().optional(),
  origin: z.number(),
  servicer_userid: z.string().optional(),
  msgtype: z.string(),
  text: z.looseObject({ content: z.string().optional(), menu_id: z.string().optional() }).optional(),
  image: media.optional(),
  voice: media.optional(),
  video: media.optional(),
  file: media.optional(),
  location: z.looseObject({ latitude: z.number().optional(), longitude: z.number().optional(), name: z.string().optional(), address: z.string().optional() }).optional(),
  link: z.looseObject({ title: z.string().optional(), desc: z.string().optional(), url: z.string().optional() }).optional(),
  event: z.looseObject({ event_type: z.string() }).optional(),
});
const pageSchema = z.object({
  next_cursor: z.string().default(''),
  has_more: z.union([z.number(), z.boolean()]).default(0),
  msg_list: z.array(z.unknown()).default([]),
});
type KfItem = z.infer<typeof kfItemSchema>;

/** Prefix of `replyToExternalMessageId` that makes send use send_msg_on_event with this code (welcome). */
export const KF_EVENT_CODE_PREFIX = 'kf_event_code:';

export function mapSyncPage(answer: Record<string, unknown>, inboxId: string, openKfId: string | undefined): PullResult {
  const page = pageSchema.safeParse(answer);
  if (!page.success) throw new ChannelNetworkError(`kf/sync_msg answer unreadable: ${describeZodError(page.error)}`);
  const messages: InboundMessage[] = [];
  const events: ChannelEvent[] = [];
  for (const raw of page.data.msg_list) {
    const parsed = kfItemSchema.safeParse(raw);
    if (!parsed.success) {
      events.push({ type: 'unreadable_item', details: { reason: describeZodError(parsed.error) } });
      continue;
    }
    const item = parsed.data;
    if (openKfId !== undefined && item.open_kfid !== openKfId) continue;
    if (item.origin === 3 && item.msgtype !== 'event' && item.external_userid) messages.push(toMessage(item, item.external_userid, inboxId));
    else events.push(toEvent(item));
  }
  return { messages, events, nextCursor: page.data.next_cursor, hasMore: page.data.has_more === 1 || page.data.has_more === true };
}

function toMessage(item: KfItem, externalUserId: string, inboxId: string): InboundMessage {
  const { text, attachments } = content(item);
  return {
    reference: { channel: 'wechat_kf', inboxId, externalConversationId: `${item.open_kfid}:${externalUserId}`, externalUserId },
    from: { externalUserId },
    externalMessageId: item.msgid,
    text,
    attachments,
    sentAt: new Date((item.send_time ?? 0) * 1000),
  };
}

function content(item: KfItem): { text: string; attachments: Attachment[] } {
  const mediaOf = (kind: Attachment['kind'], value: { media_id?: string | undefined } | undefined) =>
    ({ text: '', attachments: value?.media_id ? [{ kind, ref: value.media_id }] : [] });
  switch (item.msgtype) {
    case 'text':
      return { text: item.text?.content ?? '', attachments: [] };
    case 'image':
      return mediaOf('image', item.image);
    case 'voice':
      return mediaOf('audio', item.voice);
    case 'video':
      return mediaOf('video', item.video);
    case 'file':
      return mediaOf('file', item.file);
    case 'location': {
      const location = item.location;
      const name = [location?.name, location?.address].filter(Boolean).join(' ');
      return { text: '', attachments: [{ kind: 'location', ref: `${location?.latitude ?? ''},${location?.longitude ?? ''}`, ...(name ? { name } : {}) }] };
    }
    case 'link':
      return { text: [item.link?.title, item.link?.desc, item.link?.url].filter(Boolean).join('\n'), attachments: [] };
    default:
      // business_card, miniprogram, channels_shop_product, ...: still a message a person may look at.
      return { text: '', attachments: [] };
  }
}

function toEvent(item: KfItem): ChannelEvent {
  const event = item.event as (Record<string, unknown> & { event_type: string }) | undefined;
  const userId = item.external_userid ?? (typeof event?.external_userid === 'string' ? event.external_userid : undefined);
  const kfId = item.open_kfid || (typeof event?.open_kfid === 'string' ? event.open_kfid : '');
  const conversation = userId ? { externalUserId: userId, externalConversationId: `${kfId}:${userId}` } : {};
  if (item.origin === 5) {
    return { type: 'servicer_message', ...conversation, details: { eventId: item.msgid, servicerUserId: item.servicer_userid ?? '', msgtype: item.msgtype } };
  }
  const type = event?.event_type ?? item.msgtype;
  const details: Record<string, unknown> = { eventId: item.msgid };
  if (event) {
    // Copy the documented scalar fields (scene, welcome_code, fail_msgid, fail_type, change_type, ...).
    for (const [key, value] of Object.entries(event)) {
      if (key !== 'event_type' && (typeof value === 'string' || typeof value === 'number')) details[key] = value;
    }
  }
  if (type === 'enter_session') {
    details.welcome = true;
    if (typeof event?.welcome_code === 'string' && event.welcome_code !== '') details.replyToExternalMessageId = `${KF_EVENT_CODE_PREFIX}${event.welcome_code}`;
  }
  return { type, ...conversation, details };
}
