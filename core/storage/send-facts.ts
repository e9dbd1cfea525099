import type { Db } from './database.ts';

/** The customer's latest message and what we sent since, as send windows and budgets read them. */
export interface StoredSendFacts {
  lastInboundAt?: Date;
  /** Our messages sent since then (bot and agent; welcomes answer a channel event, which grants its own). */
  sentSince: Array<{ text: string; suggestions: unknown }>;
}

export async function sendFactsOf(db: Db, conversationId: string): Promise<StoredSendFacts> {
  const last = await db.message.findFirst({ where: { conversationId, direction: 'incoming' }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
  if (!last) return { sentSince: [] };
  const sentSince = await db.message.findMany({
    where: { conversationId, direction: 'outgoing', status: 'sent', author: { not: 'system' }, sentAt: { gte: last.createdAt } },
    select: { text: true, suggestions: true },
  });
  return { lastInboundAt: last.createdAt, sentSince };
}
