import type { ConversationReference, InboxOf, OutboundMessage, SendContext, SendReceipt } from '../wechat-shared/contract.ts';
import { withNumberedSuggestions } from '../wechat-shared/text.ts';
import type { WeComClient } from '../wechat-shared/wecom-client.ts';
import type { WeComSettings } from './settings.ts';

/**
 * `message/send` text to the member (touser = UserID) from the app. The receipt is WeCom's msgid. A member
 * listed in `invaliduser` did not get it: that is permanent (out of the app's visibility), reported by the
 * API as 81013 when every receiver is invalid, which is always the case for our single receiver.
 */
export async function sendWeComMessage(
  client: WeComClient,
  reference: ConversationReference,
  message: OutboundMessage,
  inbox: InboxOf<WeComSettings>,
  context?: SendContext,
): Promise<SendReceipt> {
  const answer = await client.post(
    'message/send',
    inbox.settings,
    {
      touser: reference.externalUserId,
      msgtype: 'text',
      agentid: inbox.settings.agentId,
      text: { content: withNumberedSuggestions(message.text, message.suggestions) },
      safe: 0,
    },
    context?.signal,
  );
  return { externalMessageId: typeof answer.msgid === 'string' && answer.msgid !== '' ? answer.msgid : `wecom:${context?.idempotencyKey ?? 'sent'}` };
}
