/**
 * What the answer job reads before the bot decides: the customer message with its conversation and contact,
 * the customer's message before it, and the conversation's last reply. Plain SQL (direct/): every answer
 * runs these, and through Prisma the first alone was three statements.
 */
import type { ConversationRow } from './conversation-events.ts';
import {
  booleanColumn,
  dateColumn,
  jsonColumn,
  optionalDateColumn,
  optionalNumberColumn,
  optionalTextColumn,
  textColumn,
  type DirectSql,
  type SqlRow,
} from './direct/direct-sql.ts';

/** A stored message as the answer job needs it, with its conversation and the conversation's contact. */
export interface InboundForAnswer {
  id: string;
  inboxId: string;
  conversationId: string;
  direction: string;
  status: string;
  text: string;
  attachments: unknown;
  routingReason: string | null;
  faqId: string | null;
  createdAt: Date;
  conversation: ConversationRow & {
    csatScore: number | null;
    reference: unknown;
    contact: { id: string; displayName: string | null; locale: string | null; vip: boolean; attributes: unknown };
  };
}

/** The message `messageId` with its conversation and contact, in one statement; undefined when it is gone. */
export async function readInboundForAnswer(direct: DirectSql, messageId: string): Promise<InboundForAnswer | undefined> {
  const row = await direct.one(
    'SELECT m."id", m."inboxId", m."conversationId", m."direction", m."status", m."text", m."attachments", m."routingReason", m."faqId", m."createdAt", ' +
      'c."status" AS "conversationStatus", c."assigneeId", c."firstReplyAt", c."escalatedAt", c."claimedAt", c."resolvedAt", c."csatScore", c."reference", ' +
      'p."id" AS "contactId", p."displayName", p."locale", p."vip", p."attributes" ' +
      'FROM "Message" m JOIN "Conversation" c ON c."id" = m."conversationId" JOIN "Contact" p ON p."id" = c."contactId" WHERE m."id" = ?',
    [messageId],
  );
  if (!row) return undefined;
  return {
    id: textColumn(row.id),
    inboxId: textColumn(row.inboxId),
    conversationId: textColumn(row.conversationId),
    direction: textColumn(row.direction),
    status: textColumn(row.status),
    text: textColumn(row.text),
    attachments: jsonColumn(row.attachments),
    routingReason: optionalTextColumn(row.routingReason),
    faqId: optionalTextColumn(row.faqId),
    createdAt: dateColumn(row.createdAt),
    conversation: {
      status: textColumn(row.conversationStatus),
      assigneeId: optionalTextColumn(row.assigneeId),
      firstReplyAt: optionalDateColumn(row.firstReplyAt),
      escalatedAt: optionalDateColumn(row.escalatedAt),
      claimedAt: optionalDateColumn(row.claimedAt),
      resolvedAt: optionalDateColumn(row.resolvedAt),
      csatScore: optionalNumberColumn(row.csatScore),
      reference: jsonColumn(row.reference),
      contact: {
        id: textColumn(row.contactId),
        displayName: optionalTextColumn(row.displayName),
        locale: optionalTextColumn(row.locale),
        vip: booleanColumn(row.vip),
        attributes: jsonColumn(row.attributes),
      },
    },
  };
}

/** The customer's latest message in the conversation sent in [since, before), if any. */
export async function previousIncoming(direct: DirectSql, conversationId: string, before: Date, since: Date): Promise<{ text: string; attachments: unknown } | undefined> {
  const row = await direct.one(
    'SELECT "text", "attachments" FROM "Message" WHERE "conversationId" = ? AND "direction" = \'incoming\' AND "createdAt" < ? AND "createdAt" >= ? ORDER BY "createdAt" DESC LIMIT 1',
    [conversationId, before, since],
  );
  return row ? { text: textColumn(row.text), attachments: jsonColumn(row.attachments) } : undefined;
}

/** An outgoing message as the next answer looks back at it. */
export interface LastOutgoing {
  author: string;
  replyKey: string | null;
  suggestions: unknown;
  offeredFaqIds: unknown;
  inReplyToId: string | null;
  faqId: string | null;
  createdAt: Date;
}

/** The conversation's latest outgoing message (bot, agent or system) sent before `before`, if any. */
export async function lastOutgoingBefore(direct: DirectSql, conversationId: string, before: Date): Promise<LastOutgoing | undefined> {
  const row = await direct.one(
    'SELECT "author", "replyKey", "suggestions", "offeredFaqIds", "inReplyToId", "faqId", "createdAt" FROM "Message" ' +
      'WHERE "conversationId" = ? AND "direction" = \'outgoing\' AND "createdAt" < ? ORDER BY "createdAt" DESC LIMIT 1',
    [conversationId, before],
  );
  return row ? lastOutgoingOf(row) : undefined;
}

function lastOutgoingOf(row: SqlRow): LastOutgoing {
  return {
    author: textColumn(row.author),
    replyKey: optionalTextColumn(row.replyKey),
    suggestions: jsonColumn(row.suggestions),
    offeredFaqIds: jsonColumn(row.offeredFaqIds),
    inReplyToId: optionalTextColumn(row.inReplyToId),
    faqId: optionalTextColumn(row.faqId),
    createdAt: dateColumn(row.createdAt),
  };
}
