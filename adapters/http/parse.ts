import { z } from 'zod';
import type { ParsedRequest, RawRequest } from '../../core/channel-adapter.ts';
import { InboundParseError } from '../../core/errors.ts';
import type { InboundMessage } from '../../core/messages.ts';
import { readHeader } from '../shared/headers.ts';
import { describeZodError } from '../shared/zod-issues.ts';
import { TIMESTAMP_HEADER } from './signature.ts';

const externalId = z.string().min(1).max(256);

/**
 * The documented inbound body. Field names are snake_case because this is a public wire format that
 * customers write by hand in any language; the hub's camelCase starts after parsing.
 */
export const httpInboundBodySchema = z.object({
  conversation_id: externalId,
  user: z.object({
    id: externalId,
    name: z.string().max(256).optional(),
    locale: z.string().max(35).optional(),
  }),
  message: z
    .object({
      id: externalId,
      text: z.string().max(32_000),
      attachments: z
        .array(
          z.object({
            kind: z.enum(['image', 'audio', 'video', 'file', 'location', 'sticker']),
            ref: z.string().min(1).max(2048),
            name: z.string().max(256).optional(),
            mime_type: z.string().max(256).optional(),
          }),
        )
        .max(20)
        .optional(),
      sent_at: z.iso.datetime({ offset: true }).optional(),
    })
    .refine((message) => message.text.trim() !== '' || (message.attachments?.length ?? 0) > 0, {
      message: 'a message needs text or at least one attachment',
      path: ['text'],
    }),
});

export type HttpInboundBody = z.infer<typeof httpInboundBodySchema>;

/**
 * Reads one signed inbound body into one customer message. Pure. `sent_at` is optional; without it the
 * signed `X-Kefu-Timestamp` is the best available send time. Errors name the field path so the
 * integrating developer can fix their request from the 400 alone.
 */
export function parseHttpChannelRequest(request: RawRequest, inboxId: string): ParsedRequest {
  let json: unknown;
  try {
    json = JSON.parse(request.body.toString('utf8'));
  } catch {
    throw new InboundParseError('body is not valid JSON');
  }
  const result = httpInboundBodySchema.safeParse(json);
  if (!result.success) throw new InboundParseError(describeZodError(result.error));
  return { kind: 'messages', messages: [toInboundMessage(result.data, sentAt(result.data, request), inboxId)] };
}

function sentAt(body: HttpInboundBody, request: RawRequest): Date {
  if (body.message.sent_at !== undefined) return new Date(body.message.sent_at);
  const timestamp = Number(readHeader(request.headers, TIMESTAMP_HEADER));
  if (!Number.isFinite(timestamp)) throw new InboundParseError(`message.sent_at missing and no ${TIMESTAMP_HEADER} header`);
  return new Date(timestamp * 1000);
}

function toInboundMessage(body: HttpInboundBody, sentAt: Date, inboxId: string): InboundMessage {
  return {
    reference: {
      channel: 'http',
      inboxId,
      externalConversationId: body.conversation_id,
      externalUserId: body.user.id,
    },
    from: {
      externalUserId: body.user.id,
      ...(body.user.name !== undefined ? { displayName: body.user.name } : {}),
      ...(body.user.locale !== undefined ? { locale: body.user.locale } : {}),
    },
    externalMessageId: body.message.id,
    text: body.message.text,
    attachments: (body.message.attachments ?? []).map((attachment) => ({
      kind: attachment.kind,
      ref: attachment.ref,
      ...(attachment.name !== undefined ? { name: attachment.name } : {}),
      ...(attachment.mime_type !== undefined ? { mimeType: attachment.mime_type } : {}),
    })),
    sentAt,
  };
}
