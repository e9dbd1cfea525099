import { z } from 'zod';

/**
 * The parts of a Bot API `Update` the hub reads, checked at the boundary.
 *
 * Why our own schema rather than trusting grammY's `Update` type: the type describes what Telegram
 * promises, but the bytes come from the network; a body that lacks `chat.id` must become a 400, not a
 * `TypeError` deep in the pipeline. Unknown fields are dropped (zod's default), so new Bot API fields
 * never break parsing.
 */

const fileId = z.string().min(1);

const userSchema = z.object({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
  username: z.string().optional(),
  language_code: z.string().optional(),
});

const chatSchema = z.object({
  id: z.number().int(),
  type: z.enum(['private', 'group', 'supergroup', 'channel']),
});

const mediaFile = z.object({
  file_id: fileId,
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
});

export const telegramMessageSchema = z.object({
  message_id: z.number().int(),
  from: userSchema.optional(),
  chat: chatSchema,
  date: z.number().int(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(z.object({ file_id: fileId, width: z.number(), height: z.number() })).optional(),
  document: mediaFile.optional(),
  animation: mediaFile.optional(),
  video: mediaFile.optional(),
  video_note: z.object({ file_id: fileId }).optional(),
  audio: mediaFile.optional(),
  voice: z.object({ file_id: fileId, mime_type: z.string().optional() }).optional(),
  sticker: z.object({ file_id: fileId, emoji: z.string().optional() }).optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
});

export type TelegramMessage = z.infer<typeof telegramMessageSchema>;

/** Envelope: `update_id` plus (per the Bot API) exactly one field naming the update type. */
export const telegramUpdateSchema = z.object({
  update_id: z.number().int(),
  message: telegramMessageSchema.optional(),
});
