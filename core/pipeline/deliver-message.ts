import type { ChannelAdapter } from '../channel-adapter.ts';
import { ChannelApiError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { ConversationReference, OutboundMessage } from '../messages.ts';
import { PermanentJobError, RetryLaterError } from '../queue/job-queue.ts';
import type { Db } from '../storage/database.ts';
import { isUniqueViolation } from '../storage/unique-violation.ts';
import { jsonStrings } from '../storage/json-strings.ts';

/**
 * The job id of a message's delivery: the queue runs one job per id however often it is added (the answer
 * job, the recovery sweep and a manual retry all add it).
 */
export function deliverJobId(messageId: string): string {
  return `deliver:${messageId}`;
}

/** How the worker reaches an inbox's channel: its adapter and validated settings, by inbox id. */
export interface SendingInbox {
  adapter: ChannelAdapter<unknown>;
  settings: unknown;
}

export interface DeliverDependencies {
  db: Db;
  logger: Logger;
  inboxesById: ReadonlyMap<string, SendingInbox>;
  now?: () => Date;
}

/**
 * The `deliver` job: sends one stored outgoing message through its channel and records the outcome.
 *
 * Error classes steer the queue: the channel's `retry_after` becomes a delayed retry, a permanent refusal
 * (blocked bot, bad chat) is recorded on the message and not retried, anything else is retried with backoff.
 */
export async function deliverMessage(deps: DeliverDependencies, messageId: string): Promise<void> {
  const message = await deps.db.message.findUnique({ where: { id: messageId }, include: { conversation: { select: { reference: true } } } });
  if (!message || message.direction !== 'outgoing' || message.status !== 'queued') return;
  const log = deps.logger.child({ messageId, conversationId: message.conversationId });
  const inbox = deps.inboxesById.get(message.inboxId);
  if (!inbox) {
    await markFailed(deps.db, messageId, 'the inbox is no longer configured');
    throw new PermanentJobError(`inbox ${message.inboxId} is not configured`);
  }
  const reference = message.conversation.reference as unknown as ConversationReference;
  const outbound: OutboundMessage = { text: message.text, suggestions: jsonStrings(message.suggestions) };
  if (message.inReplyToId) {
    const original = await deps.db.message.findUnique({ where: { id: message.inReplyToId }, select: { externalId: true } });
    if (original?.externalId) outbound.replyToExternalMessageId = original.externalId;
  }

  await deps.db.message.update({ where: { id: messageId }, data: { attempts: { increment: 1 } } });
  let externalId: string;
  try {
    ({ externalMessageId: externalId } = await inbox.adapter.send(reference, outbound, inbox.settings, { idempotencyKey: messageId }));
  } catch (error) {
    if (error instanceof ChannelApiError && error.details.permanent) {
      await markFailed(deps.db, messageId, error.message);
      throw new PermanentJobError(error.message);
    }
    if (error instanceof ChannelApiError && error.details.retryAfterSeconds !== undefined) {
      log.warn({ retryAfterSeconds: error.details.retryAfterSeconds }, 'channel asked us to wait');
      throw new RetryLaterError(error.message, error.details.retryAfterSeconds * 1000);
    }
    throw error;
  }
  await recordSent(deps.db, messageId, externalId, deps.now?.() ?? new Date(), log);
}

async function recordSent(db: Db, messageId: string, externalId: string, sentAt: Date, log: Logger): Promise<void> {
  try {
    await db.message.update({ where: { id: messageId }, data: { status: 'sent', sentAt, externalId } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The channel reused an id we already hold (its echo of this reply arrived first): keep the message, drop the id.
    await db.message.update({ where: { id: messageId }, data: { status: 'sent', sentAt } });
    log.warn('sent message id already stored; kept without external id');
  }
  log.info('message delivered');
}

/** Records a delivery that will not be retried. Used by the job and by the queue's give-up hook. */
export async function markFailed(db: Db, messageId: string, reason: string): Promise<void> {
  await db.message.updateMany({ where: { id: messageId, status: { not: 'sent' } }, data: { status: 'failed', failureReason: reason.slice(0, 500) } });
}
