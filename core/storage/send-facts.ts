import type { Db } from './database.ts';

/** The customer's latest message and what we sent since, as send windows and budgets read them. */
export interface StoredSendFacts {
  lastInboundAt?: Date;
  /** Our messages sent since then (bot and agent; welcomes answer a channel event, which grants its own). */
  sentSince: Array<{ text: string; suggestions: unknown }>;
}

/**
 * System lines that go out through the ordinary send API and so spend the budget: the handoff acknowledgement,
 * the CSAT question and its thanks. A welcome (author system, any other key) answers a channel event instead.
 */
const BUDGETED_SYSTEM_KEYS = ['ack:', 'csat:', 'bot:'];

/**
 * @param options.pending also count replies already queued or being sent: the router plans against what
 * will have gone out by then, while the deliver job counts only what has (it is itself one of the queued).
 */
export async function sendFactsOf(db: Db, conversationId: string, options: { pending?: boolean } = {}): Promise<StoredSendFacts> {
  const last = await db.message.findFirst({ where: { conversationId, direction: 'incoming' }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
  if (!last) return { sentSince: [] };
  const spent = [{ status: 'sent', sentAt: { gte: last.createdAt } }, ...(options.pending ? [{ status: { in: ['queued', 'sending'] }, createdAt: { gte: last.createdAt } }] : [])];
  const sentSince = await db.message.findMany({
    where: {
      conversationId,
      direction: 'outgoing',
      AND: [{ OR: spent }, { OR: [{ author: { not: 'system' } }, ...BUDGETED_SYSTEM_KEYS.map((prefix) => ({ replyKey: { startsWith: prefix } }))] }],
    },
    select: { text: true, suggestions: true },
  });
  return { lastInboundAt: last.createdAt, sentSince };
}
