import {
  CONVERSATION_STATUSES,
  type ConversationEvent,
  type ConversationState,
  type ConversationStatus,
} from '../conversation/state-machine.ts';
import type { DbTransaction } from './database.ts';
import { jsonValue, optionalDateColumn, optionalTextColumn, textColumn, type DirectTransaction, type SqlRow } from './direct/direct-sql.ts';
import { newRowId } from './direct/new-id.ts';

/** The columns of a conversation row that hold its state-machine state. */
export interface ConversationRow {
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

/** conversationStateOf for a row read with plain SQL (the state columns selected by name). */
export function conversationStateOfSqlRow(row: SqlRow): ConversationState {
  return conversationStateOf({
    status: textColumn(row.status),
    assigneeId: optionalTextColumn(row.assigneeId),
    firstReplyAt: optionalDateColumn(row.firstReplyAt),
    escalatedAt: optionalDateColumn(row.escalatedAt),
    claimedAt: optionalDateColumn(row.claimedAt),
    resolvedAt: optionalDateColumn(row.resolvedAt),
  });
}

/** The conversation row's columns that hold its state-machine state. */
function stateColumns(state: ConversationState) {
  const { status, assigneeId, firstReplyAt, escalatedAt, claimedAt, resolvedAt } = state;
  return { status, assigneeId, firstReplyAt, escalatedAt, claimedAt, resolvedAt };
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
    data: stateColumns(next),
  });
  await tx.conversationEvent.create({
    data: { conversationId, type, fromStatus, toStatus: next.status, actor, details, at },
  });
}

/**
 * `recordTransition` for a state read before the transaction began: the row moves only if it is still in
 * exactly that state (optimistic, saves reading it again inside). False, and nothing written, when someone
 * changed it meanwhile (an agent claimed it), as a transition refused on a fresh read would be.
 */
/** A transition from a state read earlier: what recordTransitionFrom and recordTransitionFromSql write. */
export interface StateChange {
  conversationId: string;
  read: ConversationState;
  next: ConversationState;
  event: ConversationEvent;
  at: Date;
  actor: string;
}

export async function recordTransitionFrom(tx: DbTransaction, change: StateChange): Promise<boolean> {
  const { conversationId, read, next, event, at, actor } = change;
  const moved = await tx.conversation.updateMany({
    where: { id: conversationId, ...stateColumns(read) },
    data: stateColumns(next),
  });
  if (moved.count === 0) return false;
  const { type, ...details } = event;
  await tx.conversationEvent.create({ data: { conversationId, type, fromStatus: read.status, toStatus: next.status, actor, details, at } });
  return true;
}

/** A conversation's history entry, as plain SQL (direct/) writes it on the message paths. */
export interface ConversationEventRow {
  type: string;
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  details: object;
}

/** Appends one entry to a conversation's history in the caller's plain-SQL transaction. */
export async function insertConversationEvent(tx: DirectTransaction, conversationId: string, event: ConversationEventRow, at: Date): Promise<void> {
  await tx.run(
    'INSERT INTO "ConversationEvent" ("id", "conversationId", "type", "fromStatus", "toStatus", "actor", "details", "at") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    [newRowId(at.getTime()), conversationId, event.type, event.fromStatus, event.toStatus, event.actor, jsonValue(event.details), at],
  );
}

/**
 * `recordTransitionFrom` in the caller's plain-SQL transaction, for the answer job's common case (the bot
 * replied): the same optimistic guard, every state column compared null-safely.
 */
export async function recordTransitionFromSql(tx: DirectTransaction, change: StateChange): Promise<boolean> {
  const { conversationId, read, next, event, at, actor } = change;
  const moved = await tx.run(
    'UPDATE "Conversation" SET "status" = ?, "assigneeId" = ?, "firstReplyAt" = ?, "escalatedAt" = ?, "claimedAt" = ?, "resolvedAt" = ?, "updatedAt" = ? ' +
      'WHERE "id" = ? AND "status" = ? AND "assigneeId" IS NOT DISTINCT FROM ? AND "firstReplyAt" IS NOT DISTINCT FROM ? AND "escalatedAt" IS NOT DISTINCT FROM ? ' +
      'AND "claimedAt" IS NOT DISTINCT FROM ? AND "resolvedAt" IS NOT DISTINCT FROM ?',
    [next.status, next.assigneeId, next.firstReplyAt, next.escalatedAt, next.claimedAt, next.resolvedAt, at, conversationId, read.status, read.assigneeId, read.firstReplyAt, read.escalatedAt, read.claimedAt, read.resolvedAt],
  );
  if (moved === 0) return false;
  const { type, ...details } = event;
  await insertConversationEvent(tx, conversationId, { type, fromStatus: read.status, toStatus: next.status, actor, details }, at);
  return true;
}
