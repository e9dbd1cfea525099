import type { SendContext } from '../../core/channel-adapter.ts';
import type { ConversationReference, OutboundMessage, SendReceipt } from '../../core/messages.ts';
import type { ReplyKeyboardMarkup, ReplyParameters } from 'grammy/types';
import { callTelegram, createTelegramApi } from './api-client.ts';

/**
 * Sends one text message with `sendMessage` and returns `${chat.id}:${message_id}` — the same id shape
 * `parse` produces, so our own message never looks like a new customer message.
 *
 * Plain text (no `parse_mode`): customer and agent text must not be interpreted as markup. Does not retry;
 * the queue retries by reading the error class. Text over Telegram's 4096-character limit is refused by the
 * API with a permanent 400 — splitting is the composer's job, since a partial send cannot be retried safely.
 * Outbound attachments are not sent yet (text only).
 */
export async function sendTelegramMessage(
  reference: ConversationReference,
  message: OutboundMessage,
  settings: { botToken: string; apiRoot: string },
  context?: SendContext,
): Promise<SendReceipt> {
  const api = createTelegramApi(settings);
  const chatId = toChatId(reference.externalConversationId);
  const replyParameters = toReplyParameters(message.replyToExternalMessageId, reference.externalConversationId);
  const replyMarkup = toSuggestionKeyboard(message.suggestions);
  const sent = await callTelegram('sendMessage', () =>
    api.sendMessage(
      chatId,
      message.text,
      {
        ...(replyParameters ? { reply_parameters: replyParameters } : {}),
        ...(replyMarkup ? { reply_markup: replyMarkup } : {}),
      },
      // grammY types the signal with its Node shim's AbortSignal; the platform one works at runtime.
      context?.signal as Parameters<typeof api.sendMessage>[3],
    ),
  );
  return { externalMessageId: `${sent.chat.id}:${sent.message_id}` };
}

/** Numeric ids are sent as numbers (as Telegram documents them); `@channelname` stays a string. */
function toChatId(externalConversationId: string): number | string {
  return /^-?\d+$/.test(externalConversationId) ? Number(externalConversationId) : externalConversationId;
}

/**
 * Quick replies as a one-time reply keyboard, one suggestion per row. A reply-keyboard tap sends the
 * button's text as an ordinary customer message, so it flows through `parse` like typed text; an inline
 * keyboard would need callback-query handling and `answerCallbackQuery` for no gain here.
 */
export function toSuggestionKeyboard(suggestions: readonly string[] | undefined): ReplyKeyboardMarkup | undefined {
  const buttons = (suggestions ?? []).filter((suggestion) => suggestion.trim() !== '');
  if (buttons.length === 0) return undefined;
  return {
    keyboard: buttons.map((text) => [{ text }]),
    one_time_keyboard: true,
    resize_keyboard: true,
  };
}

/**
 * Threads the reply under the customer's message when it is in the same chat. `allow_sending_without_reply`
 * keeps the answer deliverable if the customer deleted their message meanwhile.
 */
function toReplyParameters(replyTo: string | undefined, chatId: string): ReplyParameters | undefined {
  if (replyTo === undefined) return undefined;
  const separator = replyTo.lastIndexOf(':');
  const messageId = Number(replyTo.slice(separator + 1));
  if (replyTo.slice(0, separator) !== chatId || !Number.isSafeInteger(messageId)) return undefined;
  return { message_id: messageId, allow_sending_without_reply: true };
}
