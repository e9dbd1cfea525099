import {
  CONVERSATION_STATUSES,
  type ConversationEvent,
  type ConversationState,
  type ConversationStatus,
} from '../conversation/state-machine.ts';
import type { DbTransaction } from './database.ts';

interface ConversationRow {
  status: string;
  assigneeId: string | null;
  firstReplyAt: Date | null;
  escalatedAt: Date | null;
  claimedAt: Date | null;
  resolvedAt: Date | null;
}

/** Reads the state-machine view of a stored conversation; an unknown status is a corrupted row, not input. */
export function conversationStateOf(row: ConversationRow): ConversationState {
  if (!(CONVERSATION_STATUSES as readonly string[]).includes(row.status)) throw new Error(`conversation has unknown status "${row.status}"`);
  return {
    status: row.status as ConversationStatus,
    assigneeId: row.assigneeId,
    firstReplyAt: row.firstReplyAt,
    escalatedAt: row.escalatedAt,
    claimedAt: row.claimedAt,
    resolvedAt: row.resolvedAt,
  };
}

/**
 * Persists the result of a transition and the event that caused it, in the caller's transaction, so the
 * conversation row and its history never disagree (metrics are computed from the events).
 */
export async function recordTransition(
  tx: DbTransaction,
  conversationId: string,
  fromStatus: string,
  next: ConversationState,
  event: ConversationEvent,
  at: Date,
  actor: string,
): Promise<void> {
  const { type, ...details } = event;
  await tx.conversation.update({
    where: { id: conversationId },
    data: {
      status: next.status,
      assigneeId: next.assigneeId,
      firstReplyAt: next.firstReplyAt,
      escalatedAt: next.escalatedAt,
      claimedAt: next.claimedAt,
      resolvedAt: next.resolvedAt,
    },
  });
  await tx.conversationEvent.create({
    data: { conversationId, type, fromStatus, toStatus: next.status, actor, details, at },
  });
}
