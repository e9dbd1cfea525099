import type { ChannelCapabilities, WiredInbox } from '../channel-adapter.ts';
import { ChannelApiError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { ConversationReference, OutboundMessage } from '../messages.ts';
import { PermanentJobError, RetryLaterError } from '../queue/job-queue.ts';
import type { Db } from '../storage/database.ts';
import { jsonColumn, optionalTextColumn, textColumn, type DirectSql } from '../storage/direct/direct-sql.ts';
import { jsonStrings } from '../storage/json-strings.ts';
import { claimForSending, markSent, releaseClaim } from '../storage/outgoing-claims.ts';
import { sendAllowance } from '../routing/send-allowance.ts';
import { sendFactsOf } from '../storage/send-facts.ts';
import { fitToChannel } from './fit-to-channel.ts';

export { deliverJobId } from '../conversation/service.ts';

/**
 * A claim younger than this is left alone: a synchronous reply holds its claim only while the webhook
 * response is written. An older one belongs to a sender that died mid-send, and is taken over.
 */
const CLAIM_GRACE_MS = 10_000;

export interface DeliverDependencies {
  db: Db;
  /** Plain SQL on the same database, for the statements every reply runs (read, claim, sent). */
  direct: DirectSql;
  logger: Logger;
  inboxesById: ReadonlyMap<string, Pick<WiredInbox, 'send' | 'capabilities'>>;
  now?: () => Date;
  /** Told the outcome of each send attempt (the composition root counts them for /metrics). */
  onOutcome?: (outcome: DeliveryOutcome) => void;
}

/** The labels of `kefu_deliveries_total`. Attempts given up after their retries are counted by the queue's give-up hook. */
export type DeliveryOutcome = 'sent' | 'retry' | 'failed';

/**
 * The `deliver` job: claims one stored outgoing message (so a webhook's synchronous reply and this job
 * never both send it), sends it through its channel — split to the channel's text limit, "did you mean" as
 * a numbered list where the channel has no buttons — and records the outcome.
 *
 * Error classes steer the queue: the channel's `retry_after` becomes a delayed retry, a permanent refusal
 * (blocked bot, bad chat) is recorded on the message and not retried, anything else is retried with backoff.
 */
export async function deliverMessage(deps: DeliverDependencies, messageId: string): Promise<void> {
  const message = await readOutgoing(deps.direct, messageId);
  if (!message || message.direction !== 'outgoing' || !['queued', 'sending'].includes(message.status)) return;
  const log = deps.logger.child({ messageId, conversationId: message.conversationId });
  const inbox = deps.inboxesById.get(message.inboxId);
  if (!inbox) {
    deps.onOutcome?.('failed');
    await markFailed(deps.db, messageId, 'the inbox is no longer configured');
    throw new PermanentJobError(`inbox ${message.inboxId} is not configured`);
  }
  const outbound: OutboundMessage = { text: message.text, suggestions: message.suggestions };
  const answered = message.inReplyTo ? (message.inReplyTo.message ?? (await answeredEvent(deps.db, message.inReplyTo.id))) : undefined;
  if (answered?.replyTo) outbound.replyToExternalMessageId = answered.replyTo;
  const now = deps.now?.() ?? new Date();
  const parts = fitToChannel(outbound, inbox.capabilities);
  // A welcome answers a channel event, which grants its own allowance (kf welcome code, OA follow quota).
  const refusal = answered?.kind === 'event' ? undefined : await outsideSendRules(deps.db, message.conversationId, inbox.capabilities, now, parts.length);
  if (refusal) {
    await markFailed(deps.db, messageId, refusal);
    log.warn({ reason: refusal }, 'not sent: outside the channel\'s send rules');
    throw new PermanentJobError(refusal);
  }
  if (!(await claimForSending(deps.direct, messageId, now, { takeOverClaimsBefore: new Date(now.getTime() - CLAIM_GRACE_MS), countAttempt: true }))) {
    // A webhook response holds it (sync reply) or a sender died moments ago: look again once the claim is old.
    if ((await readOutgoing(deps.direct, messageId))?.status === 'sending') {
      throw new RetryLaterError('the message is being sent elsewhere', CLAIM_GRACE_MS);
    }
    return;
  }

  let externalId: string | undefined;
  try {
    for (const [index, part] of parts.entries()) {
      const idempotencyKey = parts.length === 1 ? messageId : `${messageId}:${index + 1}`;
      ({ externalMessageId: externalId } = await inbox.send(message.reference, part, { idempotencyKey }));
    }
  } catch (error) {
    if (error instanceof ChannelApiError && error.details.permanent) {
      deps.onOutcome?.('failed');
      await markFailed(deps.db, messageId, error.message);
      throw new PermanentJobError(error.message);
    }
    deps.onOutcome?.('retry');
    await releaseClaim(deps.direct, messageId);
    if (error instanceof ChannelApiError && error.details.retryAfterSeconds !== undefined) {
      log.warn({ retryAfterSeconds: error.details.retryAfterSeconds }, 'channel asked us to wait');
      throw new RetryLaterError(error.message, error.details.retryAfterSeconds * 1000);
    }
    throw error;
  }
  await markSent(deps.direct, messageId, deps.now?.() ?? new Date(), externalId);
  deps.onOutcome?.('sent');
  log.info('message delivered');
}

/** What an outgoing message answers: a customer message (its channel id threads the reply), or a channel event. */
interface Answered {
  kind: 'message' | 'event';
  replyTo?: string;
}

interface OutgoingRow {
  direction: string;
  status: string;
  inboxId: string;
  conversationId: string;
  text: string;
  suggestions: string[];
  reference: ConversationReference;
  /** The item it answers; `message` is filled when that is a customer message (read in the same statement). */
  inReplyTo?: { id: string; message?: Answered };
}

/** The message with its conversation's reference and the channel id of the message it answers: one statement. */
async function readOutgoing(direct: DirectSql, messageId: string): Promise<OutgoingRow | undefined> {
  const row = await direct.one(
    'SELECT m."direction", m."status", m."inboxId", m."conversationId", m."text", m."suggestions", m."inReplyToId", c."reference", ' +
      'o."id" AS "answeredId", o."externalId" AS "answeredExternalId" ' +
      'FROM "Message" m JOIN "Conversation" c ON c."id" = m."conversationId" LEFT JOIN "Message" o ON o."id" = m."inReplyToId" WHERE m."id" = ?',
    [messageId],
  );
  if (!row) return undefined;
  const inReplyToId = optionalTextColumn(row.inReplyToId);
  const answeredExternalId = optionalTextColumn(row.answeredExternalId);
  return {
    direction: textColumn(row.direction),
    status: textColumn(row.status),
    inboxId: textColumn(row.inboxId),
    conversationId: textColumn(row.conversationId),
    text: textColumn(row.text),
    suggestions: jsonStrings(jsonColumn(row.suggestions)),
    reference: jsonColumn(row.reference) as ConversationReference,
    ...(inReplyToId
      ? { inReplyTo: { id: inReplyToId, ...(row.answeredId ? { message: { kind: 'message' as const, ...(answeredExternalId ? { replyTo: answeredExternalId } : {}) } } : {}) } }
      : {}),
  };
}

/** A channel event the message answers (a welcome: the event's `replyToExternalMessageId` detail, e.g. WeChat kf's welcome code). */
async function answeredEvent(db: Db, id: string): Promise<Answered | undefined> {
  const event = await db.conversationEvent.findUnique({ where: { id }, select: { details: true } });
  if (!event) return undefined;
  const replyTo = (event.details as Record<string, unknown> | null)?.replyToExternalMessageId;
  return { kind: 'event', ...(typeof replyTo === 'string' && replyTo !== '' ? { replyTo } : {}) };
}

/** Why the channel's window or budget forbids sending `parts` messages now; undefined when it allows them (or has no rules). */
async function outsideSendRules(db: Db, conversationId: string, rules: ChannelCapabilities, now: Date, parts: number): Promise<string | undefined> {
  if (rules.sendWindowHours === undefined && rules.sendBudgetPerInbound === undefined) return undefined;
  const facts = await sendFactsOf(db, conversationId);
  // Counted in channel messages: a long answer went out as several.
  const sentSinceInbound = facts.sentSince.reduce((sum, sent) => sum + fitToChannel({ text: sent.text, suggestions: jsonStrings(sent.suggestions) }, rules).length, 0);
  const allowance = sendAllowance(rules, { ...(facts.lastInboundAt ? { lastInboundAt: facts.lastInboundAt } : {}), sentSinceInbound }, now, parts);
  return allowance.allowed ? undefined : allowance.reason;
}

/** Records a delivery that will not be retried. Used by the job and by the queue's give-up hook. */
export async function markFailed(db: Db, messageId: string, reason: string): Promise<void> {
  await db.message.updateMany({ where: { id: messageId, status: { not: 'sent' } }, data: { status: 'failed', failureReason: reason.slice(0, 500) } });
}
