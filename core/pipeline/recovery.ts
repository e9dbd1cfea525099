import type { Logger } from '../logger.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import type { Db } from '../storage/database.ts';
import { deliverJobId } from '../conversation/service.ts';
import { answerJobId } from './ingest.ts';

/**
 * Re-creates jobs from the database, the source of truth: customer messages still waiting for an answer and
 * replies still waiting for delivery. Run when a worker starts and then periodically, this is what makes a
 * crash, a killed worker, the in-process queue's restart or a flushed Redis lose nothing. Job ids make it
 * safe to run while the original jobs still exist.
 */
export async function requeueUnfinished(deps: { db: Db; queue: JobQueue; logger: Logger }, options: { olderThanMs?: number; now?: Date; limit?: number } = {}): Promise<number> {
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
  return waiting.length;
}
