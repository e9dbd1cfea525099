import { initialConversationState, transition, type ConversationEvent } from '../conversation/state-machine.ts';
import type { InboundMessage } from '../messages.ts';
import type { Db, DbTransaction } from './database.ts';
import { conversationStateOf, recordTransition } from './conversation-events.ts';
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
 * Statements per message are the webhook's main cost (Prisma's query interpreter and the driver, per
 * statement), so the common case — a known conversation, a new message — runs four: BEGIN, the
 * conversation's lookup, the message's insert, the conversation's update, COMMIT. A retried webhook is
 * found by the insert's unique violation rather than by a lookup before every message.
 */
export async function recordInboundMessage(db: Db, inboxId: string, message: InboundMessage, now: Date): Promise<RecordedInbound> {
  try {
    return await db.$transaction((tx) => storeNew(tx, inboxId, message, now));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A retry of a stored message, or a concurrent delivery of it (or of the same new contact) won the race.
    const stored = await findByExternalId(db, inboxId, message.externalMessageId);
    if (stored) return stored;
    return await db.$transaction((tx) => storeNew(tx, inboxId, message, now));
  }
}

async function findByExternalId(db: Db, inboxId: string, externalId: string): Promise<RecordedInbound | null> {
  const found = await db.message.findUnique({
    where: { inboxId_externalId: { inboxId, externalId } },
    select: { id: true, conversationId: true, status: true },
  });
  if (!found) return null;
  return { messageId: found.id, conversationId: found.conversationId, duplicate: true, awaitingAnswer: found.status === 'received' };
}

async function storeNew(tx: DbTransaction, inboxId: string, message: InboundMessage, now: Date): Promise<RecordedInbound> {
  const conversation = await openConversation(tx, inboxId, message, now);
  const stored = await tx.message.create({
    data: {
      conversationId: conversation.id,
      inboxId,
      direction: 'incoming',
      author: 'customer',
      text: message.text,
      attachments: message.attachments as object[],
      externalId: message.externalMessageId,
      status: 'received',
      ...actionColumns(message.action),
      createdAt: now,
    },
    select: { id: true },
  });
  const event: ConversationEvent = { type: 'customer_message' };
  const result = transition(conversationStateOf(conversation), event, now);
  if (result.ok && result.changed) await recordTransition(tx, conversation.id, conversation.status, result.next, event, now, 'customer');
  // A conversation created for this message already has lastMessageAt = now: the update would change nothing.
  if (conversation.lastMessageAt.getTime() !== now.getTime()) await tx.conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: now }, select: { id: true } });
  return { messageId: stored.id, conversationId: conversation.id, duplicate: false, awaitingAnswer: true };
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
 * new one. The contact is looked up only for a new conversation: a known one already names it.
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
