/**
 * An outgoing message is sent by whoever claims it: the deliver job or a webhook response (sync reply).
 * Claiming moves it from `queued` to `sending` in one conditional update, so two senders cannot both win.
 */
import type { Db } from './database.ts';
import { isUniqueViolation } from './unique-violation.ts';

/**
 * True when this caller now holds the message; false when someone else sent or is sending it. With
 * `takeOverClaimsBefore`, a claim older than that is taken over: its holder died mid-send (the queue runs one
 * deliver job per message at a time, so an old claim is a dead sender's, not a live one's).
 */
export async function claimForSending(db: Db, messageId: string, at: Date, takeOverClaimsBefore?: Date): Promise<boolean> {
  const stale = takeOverClaimsBefore ? [{ status: 'sending', claimedAt: { lt: takeOverClaimsBefore } }] : [];
  const claimed = await db.message.updateMany({ where: { id: messageId, OR: [{ status: 'queued' }, ...stale] }, data: { status: 'sending', claimedAt: at } });
  return claimed.count === 1;
}

/** Gives a claimed message back (the send did not happen), so the deliver job or recovery sends it. */
export async function releaseClaim(db: Db, messageId: string): Promise<void> {
  await db.message.updateMany({ where: { id: messageId, status: 'sending' }, data: { status: 'queued', claimedAt: null } });
}

/** Records a claimed message as sent, with the channel's id for it when there is one. */
export async function markSent(db: Db, messageId: string, sentAt: Date, externalId: string | undefined): Promise<void> {
  try {
    await db.message.update({ where: { id: messageId }, data: { status: 'sent', sentAt, ...(externalId ? { externalId } : {}) } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The channel reused an id we already hold (its echo of this reply arrived first): keep the message, drop the id.
    await db.message.update({ where: { id: messageId }, data: { status: 'sent', sentAt } });
  }
}
