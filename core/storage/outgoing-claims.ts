/**
 * An outgoing message is sent by whoever claims it: the deliver job or a webhook response (sync reply).
 * Claiming moves it from `queued` to `sending` in one conditional update, so two senders cannot both win.
 * Plain SQL (direct/): these run for every reply sent.
 */
import type { DirectSql } from './direct/direct-sql.ts';
import { isUniqueViolation } from './unique-violation.ts';

export interface ClaimOptions {
  /**
   * A claim older than this is taken over: its holder died mid-send (the queue runs one deliver job per
   * message at a time, so an old claim is a dead sender's, not a live one's).
   */
  takeOverClaimsBefore?: Date;
  /** Counts the claim as a send attempt (`attempts` + 1), as the deliver job does. */
  countAttempt?: boolean;
}

/** True when this caller now holds the message; false when someone else sent or is sending it. */
export async function claimForSending(direct: DirectSql, messageId: string, at: Date, options: ClaimOptions = {}): Promise<boolean> {
  const changed = await direct.run(
    'UPDATE "Message" SET "status" = \'sending\', "claimedAt" = ?, "attempts" = "attempts" + ? ' +
      'WHERE "id" = ? AND ("status" = \'queued\' OR ("status" = \'sending\' AND "claimedAt" < ?))',
    [at, options.countAttempt ? 1 : 0, messageId, options.takeOverClaimsBefore ?? null],
  );
  return changed === 1;
}

/** Gives a claimed message back (the send did not happen), so the deliver job or recovery sends it. */
export async function releaseClaim(direct: DirectSql, messageId: string): Promise<void> {
  await direct.run('UPDATE "Message" SET "status" = \'queued\', "claimedAt" = NULL WHERE "id" = ? AND "status" = \'sending\'', [messageId]);
}

/** Records a claimed message as sent, with the channel's id for it when there is one. */
export async function markSent(direct: DirectSql, messageId: string, sentAt: Date, externalId: string | undefined): Promise<void> {
  const sent = 'UPDATE "Message" SET "status" = \'sent\', "sentAt" = ?';
  try {
    if (externalId) await direct.run(`${sent}, "externalId" = ? WHERE "id" = ?`, [sentAt, externalId, messageId]);
    else await direct.run(`${sent} WHERE "id" = ?`, [sentAt, messageId]);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // The channel reused an id we already hold (its echo of this reply arrived first): keep the message, drop the id.
    await direct.run(`${sent} WHERE "id" = ?`, [sentAt, messageId]);
  }
}
