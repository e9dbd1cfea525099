/**
 * The answer job's handoff in plain SQL: what ConversationService.escalate stores (the conversation's
 * `escalate` transition and its event, a numbered escalation, the conversation's tier), on the caller's
 * DirectSql transaction. A fifth of real traffic or more is handed to people; through Prisma its
 * statements were nearly half of such a message's CPU.
 */
import { transition, type ConversationEvent } from '../conversation/state-machine.ts';
import { conversationStateOfSqlRow, recordTransitionFromSql } from './conversation-events.ts';
import { jsonValue, type DirectTransaction } from './direct/direct-sql.ts';
import { newRowId } from './direct/new-id.ts';

export interface EscalationToOpen {
  conversationId: string;
  reason: string;
  tier: 'human' | 'bot_draft';
  /** FAQ suggestions for the agent, best first. */
  suggestions: ReadonlyArray<{ faqId: string; confidence: number }>;
  actor: string;
  at: Date;
}

/**
 * Escalates the conversation as it is now (read in this transaction): the escalation's id, or undefined
 * when the state machine refuses (an agent has it already) or the row changed between read and write.
 */
export async function openEscalation(tx: DirectTransaction, request: EscalationToOpen): Promise<string | undefined> {
  const row = await tx.one('SELECT "status", "assigneeId", "firstReplyAt", "escalatedAt", "claimedAt", "resolvedAt" FROM "Conversation" WHERE "id" = ?', [request.conversationId]);
  if (!row) return undefined;
  const read = conversationStateOfSqlRow(row);
  const event: ConversationEvent = { type: 'escalate', reason: request.reason };
  const result = transition(read, event, request.at);
  if (!result.ok) return undefined;
  const moved = await recordTransitionFromSql(tx, { conversationId: request.conversationId, read, next: result.next, event, at: request.at, actor: request.actor });
  if (!moved) return undefined;
  const id = newRowId(request.at.getTime());
  await tx.run(
    'INSERT INTO "Escalation" ("id", "number", "conversationId", "reason", "tier", "suggestions", "status", "createdAt") VALUES (?, ?, ?, ?, ?, ?, \'open\', ?)',
    [id, await nextEscalationNumber(tx), request.conversationId, request.reason, request.tier, jsonValue(request.suggestions), request.at],
  );
  await tx.run('UPDATE "Conversation" SET "tier" = ? WHERE "id" = ?', [request.tier, request.conversationId]);
  return id;
}

/**
 * The next escalation number from the `escalation` sequence row, advanced in the caller's transaction (as
 * core/conversation/service.ts does: the row stays locked until commit, so concurrent escalations never
 * share a number). A database without the row gets it back from the highest number stored.
 */
async function nextEscalationNumber(tx: DirectTransaction): Promise<number> {
  const advanced = await tx.one('UPDATE "Sequence" SET "value" = "value" + 1 WHERE "name" = ? RETURNING "value"', [ESCALATION_SEQUENCE]);
  if (advanced) return Number(advanced.value);
  const highest = await tx.one('SELECT MAX("number") AS "highest" FROM "Escalation"', []);
  const next = Number(highest?.highest ?? 0) + 1;
  await tx.run('INSERT INTO "Sequence" ("name", "value") VALUES (?, ?)', [ESCALATION_SEQUENCE, next]);
  return next;
}

const ESCALATION_SEQUENCE = 'escalation';
