import type { Logger } from '../logger.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import type { Db } from '../storage/database.ts';
import { deliverJobId } from '../conversation/service.ts';
import { readDeskRefs, type DeskKind } from '../handoff/external-ref.ts';
import { cardJobId, notifyJobs } from '../handoff/notify-jobs.ts';
import { answerJobId } from './ingest.ts';

/**
 * Re-creates jobs from the database, the source of truth: customer messages still waiting for an answer and
 * replies still waiting for delivery. Run when a worker starts and then periodically, this is what makes a
 * crash, a killed worker, the in-process queue's restart or a flushed Redis lose nothing. Job ids make it
 * safe to run while the original jobs still exist.
 */
export async function requeueUnfinished(
  deps: { db: Db; queue: JobQueue; logger: Logger },
  options: { olderThanMs?: number; now?: Date; limit?: number; /** The desks configured: open escalations missing a card on one get it posted. */ deskKinds?: readonly DeskKind[] } = {},
): Promise<number> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.olderThanMs ?? 0));
  const limit = options.limit ?? 1000;
  const waiting = await deps.db.message.findMany({
    // 'sending': a sender may have died mid-send; the deliver job takes its claim over once it is old (deliver-message.ts).
    where: { status: { in: ['received', 'queued', 'sending'] }, createdAt: { lte: cutoff } },
    select: { id: true, status: true },
    orderBy: { createdAt: 'asc' },
    take: limit,
  });
  for (const message of waiting) {
    if (message.status === 'received') await deps.queue.add('answer', { messageId: message.id }, { jobId: answerJobId(message.id) });
    else {
      // A reply waiting for delivery needs a live job: one kept as given up (a manual retry that stopped
      // between the database and the queue) would swallow the add.
      await deps.queue.forgetFinished(deliverJobId(message.id));
      await deps.queue.add('deliver', { messageId: message.id }, { jobId: deliverJobId(message.id) });
    }
  }
  if (waiting.length > 0) deps.logger.info({ requeued: waiting.length }, 'requeued unfinished messages');
  const cards = await requeueMissingCards(deps, options.deskKinds ?? [], cutoff, limit);
  return waiting.length + cards;
}

/**
 * Open escalations whose card never reached a configured desk (the notify job was lost, or gave up during a
 * long desk outage): the card job is queued again; it posts only to the desks still missing it.
 */
async function requeueMissingCards(deps: { db: Db; queue: JobQueue; logger: Logger }, deskKinds: readonly DeskKind[], cutoff: Date, limit: number): Promise<number> {
  if (deskKinds.length === 0) return 0;
  const open = await deps.db.escalation.findMany({
    where: { status: 'open', createdAt: { lte: cutoff } },
    select: { id: true, externalRef: true },
    orderBy: { createdAt: 'asc' },
    take: limit,
  });
  const missing = open.filter((escalation) => {
    const refs = readDeskRefs(escalation.externalRef);
    return deskKinds.some((kind) => refs[kind] === undefined);
  });
  for (const escalation of missing) {
    // A card job kept as given up would swallow the add; one still waiting or retrying is left alone.
    await deps.queue.forgetFinished(cardJobId(escalation.id));
    await notifyJobs.card(deps.queue, escalation.id);
  }
  if (missing.length > 0) deps.logger.info({ requeued: missing.length }, 'requeued escalation cards never posted');
  return missing.length;
}
