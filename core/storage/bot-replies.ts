/**
 * The answer job's writes for its common case — the bot replies by itself — as plain SQL (direct/): the
 * reply, the answered message's routing columns, and what the admin learns from it (an unanswered question,
 * a pick from "did you mean"). Handoffs and drafts, which open escalations, stay on Prisma.
 */
import { jsonValue, type DirectTransaction } from './direct/direct-sql.ts';
import { newRowId } from './direct/new-id.ts';

/** A bot reply to store, queued for delivery. */
export interface NewBotReply {
  conversationId: string;
  inboxId: string;
  text: string;
  /** The questions a "did you mean" offers, and their FAQs, in the same order. */
  suggestions: string[];
  offeredFaqIds: string[];
  replyKey: string;
  inReplyToId: string;
  faqId: string | null;
  confidence: number;
  tier: string;
  createdAt: Date;
}

/** Inserts the reply (`queued`); a second reply to the same message is a unique violation on `replyKey`. */
export async function insertBotReply(tx: DirectTransaction, reply: NewBotReply): Promise<{ id: string; status: string }> {
  const id = newRowId(reply.createdAt.getTime());
  await tx.run(
    'INSERT INTO "Message" ("id", "conversationId", "inboxId", "direction", "author", "text", "attachments", "suggestions", "offeredFaqIds", "replyKey", "inReplyToId", "status", "faqId", "confidence", "tier", "attempts", "createdAt") ' +
      "VALUES (?, ?, ?, 'outgoing', 'bot', ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, 0, ?)",
    [id, reply.conversationId, reply.inboxId, reply.text, jsonValue([]), jsonValue(reply.suggestions), jsonValue(reply.offeredFaqIds), reply.replyKey, reply.inReplyToId, reply.faqId, reply.confidence, reply.tier, reply.createdAt],
  );
  return { id, status: 'queued' };
}

/** The routing columns written on a customer message once it is answered. */
export interface AnsweredColumns {
  faqId: string | null;
  confidence: number;
  complaintRisk: number;
  tier: string;
  routingReason: string;
}

/** Marks a customer message answered, with how it was routed. */
export async function markAnswered(tx: DirectTransaction, messageId: string, columns: AnsweredColumns): Promise<void> {
  await tx.run('UPDATE "Message" SET "status" = \'answered\', "faqId" = ?, "confidence" = ?, "complaintRisk" = ?, "tier" = ?, "routingReason" = ? WHERE "id" = ?', [
    columns.faqId,
    columns.confidence,
    columns.complaintRisk,
    columns.tier,
    columns.routingReason,
    messageId,
  ]);
}

/** A question the bot could not answer confidently, for the admin to turn into an FAQ. */
export interface NewUnansweredQuestion {
  inboxId: string;
  conversationId: string;
  messageId: string;
  text: string;
  confidence: number;
  suggestions: ReadonlyArray<{ faqId: string; confidence: number }>;
  createdAt: Date;
}

export async function insertUnansweredQuestion(tx: DirectTransaction, question: NewUnansweredQuestion): Promise<void> {
  await tx.run('INSERT INTO "UnansweredQuestion" ("id", "inboxId", "conversationId", "messageId", "text", "confidence", "suggestions", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
    newRowId(question.createdAt.getTime()),
    question.inboxId,
    question.conversationId,
    question.messageId,
    question.text,
    question.confidence,
    jsonValue(question.suggestions),
    question.createdAt,
  ]);
}

/** Notes on an unanswered question which FAQ the customer picked from its "did you mean". */
export async function recordPickedFaq(tx: DirectTransaction, questionMessageId: string, faqId: string): Promise<void> {
  await tx.run('UPDATE "UnansweredQuestion" SET "pickedFaqId" = ? WHERE "messageId" = ?', [faqId, questionMessageId]);
}
