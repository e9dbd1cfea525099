import type { ParsedRequest } from '../../core/channel-adapter.ts';
import { InboundParseError } from '../../core/errors.ts';
import type { InboundMessage } from '../../core/messages.ts';
import { describeZodError } from '../shared/zod-issues.ts';
import { telegramAttachments } from './attachments.ts';
import { telegramUpdateSchema, type TelegramMessage } from './update-schema.ts';

/**
 * Turns one webhook body (a Bot API `Update`) into at most one customer message. Pure: no I/O, no clock.
 *
 * Only `message` updates become messages. Everything else is answered 200 and ignored with a reason (so
 * Telegram stops redelivering it): edits (the original was already answered), bot senders (loop
 * prevention — this also covers anonymous group admins, who appear as `GroupAnonymousBot`), channel posts
 * and business-account messages (replying to those needs a different send path), and service messages
 * such as "user joined". The message id is `${chat.id}:${message_id}` because Telegram's `message_id` is
 * unique only within a chat; a redelivered update therefore dedupes on it.
 */
export function parseTelegramUpdate(body: Buffer, inboxId: string): ParsedRequest {
  const update = readUpdate(body);
  const message = update.message;
  if (message === undefined) {
    const type = updateType(update.raw);
    return ignored(IGNORED_UPDATE_REASONS[type] ?? `update type ${type} is not handled`);
  }
  if (message.chat.type === 'channel') return ignored('message in a channel');
  if (message.from === undefined) return ignored('message without a sender');
  if (message.from.is_bot) return ignored('message from a bot');

  const text = message.text ?? message.caption ?? '';
  const attachments = telegramAttachments(message);
  if (text === '' && attachments.length === 0) return ignored('service or unsupported message');

  return { kind: 'messages', messages: [toInboundMessage(message, message.from, text, attachments, inboxId)] };
}

function toInboundMessage(
  message: TelegramMessage,
  from: NonNullable<TelegramMessage['from']>,
  text: string,
  attachments: InboundMessage['attachments'],
  inboxId: string,
): InboundMessage {
  const chatId = String(message.chat.id);
  const displayName = [from.first_name, from.last_name].filter((part) => part !== undefined && part !== '').join(' ');
  return {
    reference: { channel: 'telegram', inboxId, externalConversationId: chatId, externalUserId: String(from.id) },
    from: {
      externalUserId: String(from.id),
      ...(displayName !== '' ? { displayName } : {}),
      ...(from.language_code !== undefined ? { locale: from.language_code } : {}),
    },
    externalMessageId: `${chatId}:${message.message_id}`,
    text,
    attachments,
    sentAt: new Date(message.date * 1000),
  };
}

function readUpdate(body: Buffer): { message?: TelegramMessage; raw: Record<string, unknown> } {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new InboundParseError('body is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InboundParseError('body is not a Telegram Update object');
  }
  const result = telegramUpdateSchema.safeParse(json);
  if (!result.success) {
    throw new InboundParseError(`not a Telegram Update: ${describeZodError(result.error)}`);
  }
  return { ...(result.data.message ? { message: result.data.message } : {}), raw: json as Record<string, unknown> };
}

/** Reasons for the update types we know and skip on purpose; others get a generic reason. */
const IGNORED_UPDATE_REASONS: Readonly<Record<string, string>> = {
  edited_message: 'edited message',
  channel_post: 'channel post',
  edited_channel_post: 'edited message',
  business_message: 'business-account message',
  edited_business_message: 'edited message',
  my_chat_member: 'bot membership change',
};

function updateType(raw: Record<string, unknown>): string {
  const type = Object.keys(raw).find((key) => key !== 'update_id');
  if (type === undefined) throw new InboundParseError('not a Telegram Update: no update type field');
  return type;
}

function ignored(reason: string): ParsedRequest {
  return { kind: 'messages', messages: [], ignored: reason };
}
