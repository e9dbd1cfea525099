/** Conversation list filters (from the query string, validated) and the transcript's merged timeline. */
import { z } from 'zod';
import type { Db } from '../../core/storage/database.ts';
import { AdminNotFoundError } from '../http/errors.ts';

const optional = z.string().trim().max(100).optional().transform((v) => v || undefined);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().or(z.literal('').transform(() => undefined));

export const conversationFilterSchema = z.object({
  channel: optional,
  inbox: optional,
  status: optional,
  tier: optional,
  agent: optional,
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type ConversationFilter = z.infer<typeof conversationFilterSchema>;

export const PAGE_SIZE = 50;

export async function listConversations(db: Db, filter: ConversationFilter) {
  const where = {
    ...(filter.inbox ? { inboxId: filter.inbox } : {}),
    ...(filter.channel ? { inbox: { channel: filter.channel } } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.tier ? { tier: filter.tier } : {}),
    ...(filter.agent ? { assigneeId: filter.agent } : {}),
    ...(filter.from || filter.to
      ? { lastMessageAt: { ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}), ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86400_000) } : {}) } }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.conversation.findMany({
      where,
      orderBy: { lastMessageAt: 'desc' },
      skip: (filter.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      include: { inbox: { select: { name: true, channel: true } }, contact: { select: { displayName: true } }, assignee: { select: { name: true } } },
    }),
    db.conversation.count({ where }),
  ]);
  return { rows, total };
}

export async function filterChoices(db: Db) {
  const [inboxes, agents] = await Promise.all([
    db.inbox.findMany({ select: { id: true, name: true, channel: true }, orderBy: { name: 'asc' } }),
    db.agent.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
  ]);
  return { inboxes, agents, channels: [...new Set(inboxes.map((i) => i.channel))].sort() };
}

export type TimelineItem =
  | { kind: 'message'; at: Date; author: string; direction: string; text: string; status: string; faqId: string | null; confidence: number | null; complaintRisk: number | null; failureReason: string | null; suggestions: unknown }
  | { kind: 'event'; at: Date; type: string; fromStatus: string | null; toStatus: string | null; actor: string | null; details: unknown }
  | { kind: 'escalation'; at: Date; reason: string; tier: string; status: string; agent: string | null };

/** Messages, state events and escalations of one conversation in time order (ties: the order written). */
export async function transcript(db: Db, id: string) {
  const conversation = await db.conversation.findUnique({
    where: { id },
    include: {
      inbox: { select: { name: true, channel: true, key: true } },
      contact: { select: { displayName: true, locale: true, vip: true } },
      assignee: { select: { name: true } },
      messages: { orderBy: { createdAt: 'asc' } },
      events: { orderBy: { at: 'asc' } },
      escalations: { orderBy: { createdAt: 'asc' }, include: { agent: { select: { name: true } } } },
    },
  });
  if (!conversation) throw new AdminNotFoundError(`no conversation ${id}`);
  const items: TimelineItem[] = [
    ...conversation.messages.map((m) => ({ kind: 'message' as const, at: m.createdAt, author: m.author, direction: m.direction, text: m.text, status: m.status, faqId: m.faqId, confidence: m.confidence, complaintRisk: m.complaintRisk, failureReason: m.failureReason, suggestions: m.suggestions })),
    ...conversation.events.map((e) => ({ kind: 'event' as const, at: e.at, type: e.type, fromStatus: e.fromStatus, toStatus: e.toStatus, actor: e.actor, details: e.details })),
    ...conversation.escalations.map((e) => ({ kind: 'escalation' as const, at: e.createdAt, reason: e.reason, tier: e.tier, status: e.status, agent: e.agent?.name ?? null })),
  ];
  const order = { message: 0, escalation: 1, event: 2 };
  items.sort((a, b) => a.at.getTime() - b.at.getTime() || order[a.kind] - order[b.kind]);
  return { conversation, items };
}
