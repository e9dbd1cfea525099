/**
 * What the dashboard needs to know about each conversation active in a period, read from the database in
 * a handful of queries (no per-conversation queries, no long `IN (…)` lists).
 *
 * Exports:
 *   loadConversationFacts(db, { from, to, channel?, inboxId? }) → ConversationFacts[]
 *   tierOf({ conversationTier, escalationTiers, answered }) → Tier | null      (pure)
 *
 * Everything is taken from rows inside the period [from, to): a conversation is in the period when a
 * customer wrote in it then, and its replies, events and escalations count only when they fall in the
 * period too. So a week's figures never change when next week's messages arrive.
 */
import type { Db } from '../../core/storage/database.ts';

export type Tier = 'bot' | 'bot_draft' | 'human';
export const TIERS: readonly Tier[] = ['bot', 'bot_draft', 'human'];

export interface PeriodFilter {
  from: Date;
  /** Exclusive. */
  to: Date;
  /** Inbox channel kind, e.g. 'telegram', 'wechat_kf'. */
  channel?: string;
  inboxId?: string;
}

export interface ConversationFacts {
  id: string;
  channel: string;
  inboxId: string;
  /** The first customer message in the period. */
  firstCustomerAt: Date;
  /** The first outgoing bot or agent message at or after firstCustomerAt, if any. */
  firstResponseAt: Date | null;
  botReplied: boolean;
  /** Handed to a person in the period: an 'escalate' event or an Escalation row created then. */
  transferred: boolean;
  /** See tierOf; null when nobody answered and nobody took it. */
  tier: Tier | null;
  csatScore: number | null;
  /** First claim (or first agent reply to a waiting conversation) → the first resolve after it, seconds. */
  handleSeconds: number | null;
}

/**
 * The most human tier the conversation reached in the period: a person's time is what it cost. From the
 * tiers of its escalations in the period and Conversation.tier (who answered last; routing stores it), the
 * latter only when the conversation was answered in the period. A conversation the bot answered with no
 * stored tier is 'bot'.
 */
export function tierOf(input: { conversationTier: string | null; escalationTiers: readonly string[]; answered: boolean }): Tier | null {
  const seen = [...input.escalationTiers, ...(input.answered && input.conversationTier ? [input.conversationTier] : [])];
  if (seen.includes('human')) return 'human';
  if (seen.includes('bot_draft')) return 'bot_draft';
  return input.answered ? 'bot' : null;
}

export async function loadConversationFacts(db: Db, filter: PeriodFilter): Promise<ConversationFacts[]> {
  const inPeriod = { gte: filter.from, lt: filter.to };
  const inbox = { ...(filter.inboxId ? { id: filter.inboxId } : {}), ...(filter.channel ? { channel: filter.channel } : {}) };
  const ofInbox = { conversation: { inbox } };

  const [messages, events, escalations] = await Promise.all([
    db.message.findMany({
      where: { createdAt: inPeriod, ...ofInbox },
      select: { conversationId: true, direction: true, author: true, createdAt: true },
      orderBy: { createdAt: 'asc' },
    }),
    db.conversationEvent.findMany({
      where: { at: inPeriod, ...ofInbox },
      select: { conversationId: true, type: true, fromStatus: true, at: true },
      orderBy: { at: 'asc' },
    }),
    db.escalation.findMany({ where: { createdAt: inPeriod, ...ofInbox }, select: { conversationId: true, tier: true } }),
  ]);

  const firstCustomerAt = new Map<string, Date>();
  for (const message of messages) {
    if (message.direction === 'incoming' && message.author === 'customer' && !firstCustomerAt.has(message.conversationId)) {
      firstCustomerAt.set(message.conversationId, message.createdAt);
    }
  }
  const conversations = await db.conversation.findMany({
    where: { inbox, messages: { some: { createdAt: inPeriod, direction: 'incoming', author: 'customer' } } },
    select: { id: true, inboxId: true, tier: true, csatScore: true, inbox: { select: { channel: true } } },
  });

  const messagesOf = groupBy(messages, (message) => message.conversationId);
  const eventsOf = groupBy(events, (event) => event.conversationId);
  const escalationsOf = groupBy(escalations, (escalation) => escalation.conversationId);
  return conversations.flatMap((conversation): ConversationFacts[] => {
    const start = firstCustomerAt.get(conversation.id);
    if (!start) return []; // a customer message stored between the two queries
    const own = messagesOf.get(conversation.id) ?? [];
    const ownEvents = eventsOf.get(conversation.id) ?? [];
    const ownEscalations = escalationsOf.get(conversation.id) ?? [];
    const replies = own.filter((message) => message.direction === 'outgoing' && (message.author === 'bot' || message.author === 'agent'));
    const firstResponse = replies.find((reply) => reply.createdAt.getTime() >= start.getTime());
    return [{
      id: conversation.id,
      channel: conversation.inbox.channel,
      inboxId: conversation.inboxId,
      firstCustomerAt: start,
      firstResponseAt: firstResponse?.createdAt ?? null,
      botReplied: replies.some((reply) => reply.author === 'bot'),
      transferred: ownEscalations.length > 0 || ownEvents.some((event) => event.type === 'escalate'),
      tier: tierOf({ conversationTier: conversation.tier, escalationTiers: ownEscalations.map((escalation) => escalation.tier), answered: replies.length > 0 }),
      csatScore: conversation.csatScore,
      handleSeconds: handleSecondsOf(ownEvents),
    }];
  });
}

/** Events in time order. Replying to a waiting conversation is claiming it (state machine), so it starts the clock too. */
function handleSecondsOf(events: ReadonlyArray<{ type: string; fromStatus: string | null; at: Date }>): number | null {
  const claim = events.find((event) => event.type === 'claim' || (event.type === 'agent_replied' && event.fromStatus === 'pending_agent'));
  if (!claim) return null;
  const resolve = events.find((event) => event.type === 'resolve' && event.at.getTime() >= claim.at.getTime());
  return resolve ? (resolve.at.getTime() - claim.at.getTime()) / 1000 : null;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
