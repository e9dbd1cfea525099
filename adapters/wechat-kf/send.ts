import { createHash } from 'node:crypto';
import type { ConversationReference, InboxOf, OutboundMessage, SendContext, SendReceipt } from '../wechat-shared/contract.ts';
import { withNumberedSuggestions } from '../wechat-shared/text.ts';
import type { WeComClient } from '../wechat-shared/wecom-client.ts';
import type { WeChatKfSettings } from './settings.ts';
import { KF_EVENT_CODE_PREFIX } from './sync.ts';

/**
 * `kf/send_msg` to the customer, or `kf/send_msg_on_event` when the message answers an event code (the
 * welcome code of enter_session: valid 20 s, one message). Our idempotency key becomes the `msgid` (≤32 bytes
 * [0-9a-zA-Z_-], unique per kf account), so a retried send cannot reach the customer twice. The window (48 h,
 * 5 messages per customer message) is WeCom's to enforce: 95001 / 45015 come back as permanent errors.
 */
export async function sendWeChatKfMessage(
  client: WeComClient,
  reference: ConversationReference,
  message: OutboundMessage,
  inbox: InboxOf<WeChatKfSettings>,
  context?: SendContext,
): Promise<SendReceipt> {
  const text = { content: withNumberedSuggestions(message.text, message.suggestions) };
  const msgid = context?.idempotencyKey !== undefined ? kfMsgId(context.idempotencyKey) : undefined;
  const replyTo = message.replyToExternalMessageId;
  if (replyTo?.startsWith(KF_EVENT_CODE_PREFIX)) {
    const code = replyTo.slice(KF_EVENT_CODE_PREFIX.length);
    const answer = await client.post('kf/send_msg_on_event', inbox.settings, { code, ...(msgid ? { msgid } : {}), msgtype: 'text', text }, context?.signal);
    return { externalMessageId: String(answer.msgid ?? msgid ?? '') };
  }
  const { openKfId, externalUserId } = splitConversation(reference);
  const answer = await client.post(
    'kf/send_msg',
    inbox.settings,
    { touser: externalUserId, open_kfid: openKfId, ...(msgid ? { msgid } : {}), msgtype: 'text', text },
    context?.signal,
  );
  return { externalMessageId: String(answer.msgid ?? msgid ?? '') };
}

/** `${open_kfid}:${external_userid}` back into its parts (the user id is also on the reference). */
function splitConversation(reference: ConversationReference): { openKfId: string; externalUserId: string } {
  const separator = reference.externalConversationId.indexOf(':');
  return { openKfId: reference.externalConversationId.slice(0, Math.max(0, separator)), externalUserId: reference.externalUserId };
}

/** The key as is when WeCom accepts it, else a 32-character hash of it (still stable across retries). */
export function kfMsgId(key: string): string {
  if (/^[0-9A-Za-z_-]{1,32}$/.test(key)) return key;
  return createHash('sha256').update(key, 'utf8').digest('base64url').slice(0, 32);
}
