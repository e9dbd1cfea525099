import { initialConversationState, transition, type ConversationEvent, type ConversationState } from '../conversation/state-machine.ts';
import type { InboundMessage } from '../messages.ts';
import type { DbTransaction } from './database.ts';
import { conversationStateOfSqlRow, insertConversationEvent } from './conversation-events.ts';
import { dateColumn, jsonValue, textColumn, type DirectSql, type DirectTransaction } from './direct/direct-sql.ts';
import { newRowId } from './direct/new-id.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { actionColumns } from './customer-action.ts';

export interface RecordedInbound {
  messageId: string;
  conversationId: string;
  /** True when this external message id was stored before (a webhook retry): nothing new was written. */
  duplicate: boolean;
  /** Still waiting for an answer (so an answer job must exist). */
  awaitingAnswer: boolean;
}

/**
 * Stores one customer message with its contact, identity and conversation in one transaction.
 * The unique (inboxId, externalId) constraint makes webhook retries, even concurrent ones, store it once.
 *
 * This is the webhook's whole storage cost, so it runs as plain SQL (direct/direct-sql.ts) rather than
 * through Prisma, and the common case — a known conversation, a new message — is three statements between
 * BEGIN and COMMIT: the conversation's lookup, the message's insert, the conversation's update. A retried
 * webhook is found by the insert's unique violation rather than by a lookup before every message.
 */
export async function recordInboundMessage(direct: DirectSql, inboxId: string, message: InboundMessage, now: Date): Promise<RecordedInbound> {
  try {
    return await direct.transaction((tx) => storeNew(tx, inboxId, message, now));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A retry of a stored message, or a concurrent delivery of it (or of the same new contact) won the race.
    const stored = await findByExternalId(direct, inboxId, message.externalMessageId);
    if (stored) return stored;
    return await direct.transaction((tx) => storeNew(tx, inboxId, message, now));
  }
}

async function findByExternalId(direct: DirectSql, inboxId: string, externalId: string): Promise<RecordedInbound | null> {
  const found = await direct.transaction((tx) => tx.one('SELECT "id", "conversationId", "status" FROM "Message" WHERE "inboxId" = ? AND "externalId" = ?', [inboxId, externalId]));
  if (!found) return null;
  return { messageId: textColumn(found.id), conversationId: textColumn(found.conversationId), duplicate: true, awaitingAnswer: found.status === 'received' };
}

async function storeNew(tx: DirectTransaction, inboxId: string, message: InboundMessage, now: Date): Promise<RecordedInbound> {
  const conversation = (await latestConversation(tx, inboxId, message.reference.externalConversationId)) ?? (await startConversation(tx, inboxId, message, now));
  const messageId = newRowId(now.getTime());
  const action = actionColumns(message.action);
  await tx.run(
    'INSERT INTO "Message" ("id", "conversationId", "inboxId", "direction", "author", "text", "attachments", "externalId", "status", "routingReason", "faqId", "createdAt") ' +
      "VALUES (?, ?, ?, 'incoming', 'customer', ?, ?, ?, 'received', ?, ?, ?)",
    [messageId, conversation.id, inboxId, message.text, jsonValue(message.attachments), message.externalMessageId, action.routingReason ?? null, action.faqId ?? null, now],
  );
  const event: ConversationEvent = { type: 'customer_message' };
  const result = transition(conversation.state, event, now);
  if (result.ok && result.changed) {
    const next = result.next;
    await tx.run(
      'UPDATE "Conversation" SET "status" = ?, "assigneeId" = ?, "firstReplyAt" = ?, "escalatedAt" = ?, "claimedAt" = ?, "resolvedAt" = ?, "lastMessageAt" = ?, "updatedAt" = ? WHERE "id" = ?',
      [next.status, next.assigneeId, next.firstReplyAt, next.escalatedAt, next.claimedAt, next.resolvedAt, now, now, conversation.id],
    );
    await insertConversationEvent(tx, conversation.id, { type: event.type, fromStatus: conversation.state.status, toStatus: next.status, actor: 'customer', details: {} }, now);
  } else if (conversation.lastMessageAt.getTime() !== now.getTime()) {
    // A conversation created for this message already has lastMessageAt = now: the update would change nothing.
    await tx.run('UPDATE "Conversation" SET "lastMessageAt" = ?, "updatedAt" = ? WHERE "id" = ?', [now, now, conversation.id]);
  }
  return { messageId, conversationId: conversation.id, duplicate: false, awaitingAnswer: true };
}

interface OpenConversationRow {
  id: string;
  state: ConversationState;
  lastMessageAt: Date;
}

/** The customer's latest conversation in this chat (a resolved one is reopened by the state machine). */
async function latestConversation(tx: DirectTransaction, inboxId: string, externalConversationId: string): Promise<OpenConversationRow | undefined> {
  const row = await tx.one(
    'SELECT "id", "status", "assigneeId", "firstReplyAt", "escalatedAt", "claimedAt", "resolvedAt", "lastMessageAt" FROM "Conversation" ' +
      'WHERE "inboxId" = ? AND "externalConversationId" = ? ORDER BY "createdAt" DESC LIMIT 1',
    [inboxId, externalConversationId],
  );
  if (!row) return undefined;
  const state = conversationStateOfSqlRow(row);
  return { id: textColumn(row.id), state, lastMessageAt: dateColumn(row.lastMessageAt) };
}

/** A new conversation (and, on first sight, the contact and its identity), with its `created` event. */
async function startConversation(tx: DirectTransaction, inboxId: string, message: InboundMessage, now: Date): Promise<OpenConversationRow> {
  const { externalUserId, displayName, locale } = message.from;
  const identity = await tx.one('SELECT "contactId" FROM "ChannelIdentity" WHERE "inboxId" = ? AND "externalUserId" = ?', [inboxId, externalUserId]);
  let contactId = identity ? textColumn(identity.contactId) : undefined;
  if (!contactId) {
    contactId = newRowId(now.getTime());
    await tx.run('INSERT INTO "Contact" ("id", "displayName", "locale", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)', [contactId, displayName ?? null, locale ?? null, now, now]);
    await tx.run('INSERT INTO "ChannelIdentity" ("id", "inboxId", "contactId", "externalUserId") VALUES (?, ?, ?, ?)', [newRowId(now.getTime()), inboxId, contactId, externalUserId]);
  }
  const id = newRowId(now.getTime());
  const state = initialConversationState();
  await tx.run(
    'INSERT INTO "Conversation" ("id", "inboxId", "contactId", "externalConversationId", "reference", "status", "createdAt", "updatedAt", "lastMessageAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [id, inboxId, contactId, message.reference.externalConversationId, jsonValue({ ...message.reference }), state.status, now, now, now],
  );
  await insertConversationEvent(tx, id, { type: 'created', fromStatus: null, toStatus: state.status, actor: 'customer', details: {} }, now);
  return { id, state, lastMessageAt: now };
}

/** The contact behind a channel user in this inbox, created on first sight. */
export async function contactFor(tx: DbTransaction, inboxId: string, message: Pick<InboundMessage, 'from'>): Promise<string> {
  const { externalUserId, displayName, locale } = message.from;
  const identity = await tx.channelIdentity.findUnique({ where: { inboxId_externalUserId: { inboxId, externalUserId } }, select: { contactId: true } });
  if (identity) return identity.contactId;
  // Two plain inserts: a nested `identities: { create }` costs Prisma a third statement (it reads the contact back).
  const contact = await tx.contact.create({ data: { displayName: displayName ?? null, locale: locale ?? null }, select: { id: true } });
  await tx.channelIdentity.create({ data: { inboxId, contactId: contact.id, externalUserId }, select: { id: true } });
  return contact.id;
}

/**
 * The customer's latest conversation in this chat (a resolved one is reopened by the state machine), or a
 * new one, inside a Prisma transaction: for channel events (subscribe, enter session) that write more with
 * it. Messages take the plain-SQL path above, which does the same in fewer, cheaper statements.
 */
export async function openConversation(tx: DbTransaction, inboxId: string, message: Pick<InboundMessage, 'reference' | 'from'>, now: Date) {
  const latest = await tx.conversation.findFirst({
    where: { inboxId, externalConversationId: message.reference.externalConversationId },
    orderBy: { createdAt: 'desc' },
  });
  if (latest) return latest;
  const contactId = await contactFor(tx, inboxId, message);
  const created = await tx.conversation.create({
    data: {
      inboxId,
      contactId,
      externalConversationId: message.reference.externalConversationId,
      reference: { ...message.reference },
      status: initialConversationState().status,
      createdAt: now,
      lastMessageAt: now,
    },
  });
  await tx.conversationEvent.create({ data: { conversationId: created.id, type: 'created', toStatus: created.status, actor: 'customer', at: now } });
  return created;
}
