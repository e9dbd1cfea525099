import type { Attachment } from '../../core/messages.ts';
import type { TelegramMessage } from './update-schema.ts';

/**
 * The media of one Telegram message as hub attachments, referenced by `file_id` (downloading needs the bot
 * token and a `getFile` call, so it is left to whoever displays the file).
 *
 * Telegram sends a message's photo in several sizes; only the largest (the last) is kept. An animation is
 * also duplicated in `document` for old clients, so the document is skipped when an animation is present.
 */
export function telegramAttachments(message: TelegramMessage): Attachment[] {
  const attachments: Attachment[] = [];
  const largestPhoto = message.photo?.at(-1);
  if (largestPhoto) attachments.push({ kind: 'image', ref: largestPhoto.file_id, mimeType: 'image/jpeg' });
  if (message.animation) attachments.push(fileAttachment('video', message.animation));
  else if (message.document) attachments.push(fileAttachment('file', message.document));
  if (message.video) attachments.push(fileAttachment('video', message.video));
  if (message.video_note) attachments.push({ kind: 'video', ref: message.video_note.file_id });
  if (message.audio) attachments.push(fileAttachment('audio', message.audio));
  if (message.voice) attachments.push(fileAttachment('audio', message.voice));
  if (message.sticker) {
    attachments.push({ kind: 'sticker', ref: message.sticker.file_id, ...(message.sticker.emoji ? { name: message.sticker.emoji } : {}) });
  }
  if (message.location) {
    attachments.push({ kind: 'location', ref: `${message.location.latitude},${message.location.longitude}` });
  }
  return attachments;
}

function fileAttachment(
  kind: Attachment['kind'],
  file: { file_id: string; file_name?: string | undefined; mime_type?: string | undefined },
): Attachment {
  return {
    kind,
    ref: file.file_id,
    ...(file.file_name !== undefined ? { name: file.file_name } : {}),
    ...(file.mime_type !== undefined ? { mimeType: file.mime_type } : {}),
  };
}
