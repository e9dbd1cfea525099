/**
 * The one door for conversation state changes: the answer job, the Slack and WeCom desks and the admin page
 * all escalate, claim, reply, hand back and resolve through here. Each change applies `transition()` and
 * stores the conversation row, its `ConversationEvent` and what goes with it (escalation, agent message) in
 * one transaction, so history and state never disagree and the admin's numbers are computed from events.
 */
import type { Logger } from '../logger.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { conversationStateOf, recordTransition } from '../storage/conversation-events.ts';
import type { Db, DbTransaction } from '../storage/database.ts';
import { isUniqueViolation } from '../storage/unique-violation.ts';
import { transition, type ConversationEvent, type ConversationStatus } from './state-machine.ts';

/** The result of a state change: applied, or refused with the state machine's reason (never a throw). */
export type ChangeResult = { ok: true; status: ConversationStatus; changed: boolean } | { ok: false; reason: string };

export interface EscalationRequest {
  reason: string;
  tier: 'bot_draft' | 'human';
  /** FAQ suggestions for the agent, best first. */
  suggestions: Array<{ faqId: string; confidence: number }>;
  actor: string;
}

export interface ConversationService {
  /** Hands the conversation to people; creates the escalation record. */
  escalate(conversationId: string, request: EscalationRequest, tx?: DbTransaction): Promise<ChangeResult & { escalationId?: string }>;
  claim(conversationId: string, agentId: string): Promise<ChangeResult>;
  /** Stores the agent's message for the customer and queues its delivery; replying claims an unclaimed conversation. */
  agentReply(conversationId: string, agentId: string, text: string, replyKey?: string): Promise<ChangeResult & { messageId?: string }>;
  handBack(conversationId: string, actor: string): Promise<ChangeResult>;
  resolve(conversationId: string, by: 'agent' | 'bot' | 'system' | 'customer', actor: string): Promise<ChangeResult>;
}

export interface ConversationServiceOptions {
  db: Db;
  queue: JobQueue;
  logger: Logger;
  now?: () => Date;
}

/** The job id of a message's delivery: one job per outgoing message. */
export function deliverJobId(messageId: string): string {
  return `deliver:${messageId}`;
}

export function createConversationService(options: ConversationServiceOptions): ConversationService {
  const now = options.now ?? (() => new Date());
  const { db } = options;

  /** Applies one event in `tx`; the conversation row is read inside the transaction. */
  async function apply(tx: DbTransaction, conversationId: string, event: ConversationEvent, actor: string, at: Date): Promise<ChangeResult> {
    const conversation = await tx.conversation.findUnique({ where: { id: conversationId } });
    if (!conversation) return { ok: false, reason: 'no such conversation' };
    const result = transition(conversationStateOf(conversation), event, at);
    if (!result.ok) return result;
    await recordTransition(tx, conversationId, conversation.status, result.next, event, at, actor);
    return { ok: true, status: result.next.status, changed: result.changed };
  }

  async function escalateIn(tx: DbTransaction, conversationId: string, request: EscalationRequest, at: Date) {
    const result = await apply(tx, conversationId, { type: 'escalate', reason: request.reason }, request.actor, at);
    if (!result.ok) return result;
    const number = await nextEscalationNumber(tx);
    const escalation = await tx.escalation.create({
      data: { conversationId, reason: request.reason, tier: request.tier, suggestions: request.suggestions, status: 'open', number, createdAt: at },
      select: { id: true },
    });
    await tx.conversation.update({ where: { id: conversationId }, data: { tier: request.tier } });
    return { ...result, escalationId: escalation.id };
  }

  /** Runs a change in its own transaction. */
  const inTransaction = <T>(work: (tx: DbTransaction, at: Date) => Promise<T>) => db.$transaction((tx) => work(tx, now()));

  return {
    async escalate(conversationId, request, tx) {
      if (tx) return escalateIn(tx, conversationId, request, now());
      // Numbers come from an atomic counter; a unique violation is left only from two callers creating the
      // missing counter row at once (see nextEscalationNumber): the loser retries once.
      try {
        return await inTransaction((t, at) => escalateIn(t, conversationId, request, at));
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return await inTransaction((t, at) => escalateIn(t, conversationId, request, at));
      }
    },

    claim: (conversationId, agentId) =>
      inTransaction(async (tx, at) => {
        const result = await apply(tx, conversationId, { type: 'claim', agentId }, agentId, at);
        if (result.ok) await tx.escalation.updateMany({ where: { conversationId, status: 'open' }, data: { status: 'claimed', agentId, claimedAt: at } });
        return result;
      }),

    async agentReply(conversationId, agentId, text, replyKey) {
      const outcome = await inTransaction(async (tx, at) => {
        const result = await apply(tx, conversationId, { type: 'agent_replied', agentId }, agentId, at);
        if (!result.ok) return result;
        await tx.escalation.updateMany({ where: { conversationId, status: 'open' }, data: { status: 'claimed', agentId, claimedAt: at } });
        const conversation = await tx.conversation.update({ where: { id: conversationId }, data: { tier: 'human', lastMessageAt: at }, select: { inboxId: true } });
        const message = await tx.message.create({
          data: { conversationId, inboxId: conversation.inboxId, direction: 'outgoing', author: 'agent', agentId, text, status: 'queued', replyKey: replyKey ?? null, createdAt: at },
          select: { id: true },
        });
        return { ...result, messageId: message.id };
      });
      if (outcome.ok && outcome.messageId) await options.queue.add('deliver', { messageId: outcome.messageId }, { jobId: deliverJobId(outcome.messageId) });
      return outcome;
    },

    handBack: (conversationId, actor) =>
      inTransaction(async (tx, at) => {
        const result = await apply(tx, conversationId, { type: 'hand_back' }, actor, at);
        if (result.ok) await tx.escalation.updateMany({ where: { conversationId, status: { in: ['open', 'claimed'] } }, data: { status: 'handed_back', resolvedAt: at } });
        return result;
      }),

    resolve: (conversationId, by, actor) =>
      inTransaction(async (tx, at) => {
        const result = await apply(tx, conversationId, { type: 'resolve', by }, actor, at);
        if (result.ok) await tx.escalation.updateMany({ where: { conversationId, status: { in: ['open', 'claimed'] } }, data: { status: 'resolved', resolvedAt: at } });
        return result;
      }),
  };
}

/**
 * The next escalation number: the `escalation` sequence row advanced by one in the caller's transaction
 * (PostgreSQL locks the row until commit, SQLite runs one transaction at a time), so concurrent escalations
 * never share a number. The migration creates the row; a database without it (emptied by hand) gets it
 * back from the highest number stored.
 */
async function nextEscalationNumber(tx: DbTransaction): Promise<number> {
  try {
    const advanced = await tx.sequence.update({ where: { name: ESCALATION_SEQUENCE }, data: { value: { increment: 1 } }, select: { value: true } });
    return advanced.value;
  } catch (error) {
    // P2025 "record to update not found" is raised by Prisma after a statement that changed nothing, so the
    // transaction is still usable.
    if ((error as { code?: unknown }).code !== 'P2025') throw error;
    const highest = (await tx.escalation.aggregate({ _max: { number: true } }))._max.number ?? 0;
    await tx.sequence.create({ data: { name: ESCALATION_SEQUENCE, value: highest + 1 } });
    return highest + 1;
  }
}

const ESCALATION_SEQUENCE = 'escalation';
