/**
 * Sends a given-up delivery again, on an admin's request: the reply went `failed` after a day of retries
 * (the customer's server was down longer) or at once (a refusal that has since been fixed). The message goes
 * back to `queued` with its attempts reset and its delivery job is queued afresh, through the same
 * `deliver` job as any reply, so it is sent at most once more and failures are recorded as before.
 */
import { StateConflictError } from '../errors.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import type { Db } from '../storage/database.ts';
import { deliverJobId } from './deliver-message.ts';

export type RetryDeliveryOutcome =
  /** The failed message is queued again. */
  | 'requeued'
  /** It was already queued (a second click, or a retry cut short): its job is made sure of, nothing else. */
  | 'already_queued';

/**
 * Idempotent: calling it again while the retry is pending changes nothing. Throws StateConflictError for
 * anything but a failed or (already retried) queued outgoing message: a sent reply is never sent twice.
 */
export async function retryFailedDelivery(db: Db, queue: JobQueue, messageId: string): Promise<RetryDeliveryOutcome> {
  // Conditional update: of two admins retrying at once, one moves the message, the other sees it queued.
  const moved = await db.message.updateMany({
    where: { id: messageId, direction: 'outgoing', status: 'failed' },
    data: { status: 'queued', attempts: 0, failureReason: null },
  });
  if (moved.count === 0) {
    const message = await db.message.findUnique({ where: { id: messageId }, select: { direction: true, status: true } });
    if (!message) throw new StateConflictError(`message ${messageId} does not exist`);
    if (message.direction !== 'outgoing') throw new StateConflictError(`message ${messageId} is a customer's message, not a delivery`);
    if (message.status !== 'queued') throw new StateConflictError(`message ${messageId} is ${message.status}, not a failed delivery`);
  }
  // The given-up job is still kept under this id (for dedupe and inspection): forget it so the add runs.
  await queue.forgetFinished(deliverJobId(messageId));
  await queue.add('deliver', { messageId }, { jobId: deliverJobId(messageId) });
  return moved.count === 1 ? 'requeued' : 'already_queued';
}
