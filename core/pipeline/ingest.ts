import type { JobQueue } from '../queue/job-queue.ts';
import type { DirectSql } from '../storage/direct/direct-sql.ts';
import { recordInboundMessage } from '../storage/inbound-messages.ts';
import type { IngestInbound } from './webhook-receiver.ts';

/** The job id of a message's answer: the queue runs one job per id, however often it is added. */
export function answerJobId(messageId: string): string {
  return `answer:${messageId}`;
}

/**
 * Store, then enqueue. A retry of a message whose job may not have been queued (the queue was down when
 * the first delivery failed with 500) enqueues again; the job id makes that a no-op when it was queued.
 */
export function createIngest(deps: { direct: DirectSql; queue: JobQueue; now?: () => Date }): IngestInbound {
  return async (inbox, message) => {
    const recorded = await recordInboundMessage(deps.direct, inbox.id, message, deps.now?.() ?? new Date());
    if (recorded.awaitingAnswer) {
      await deps.queue.add('answer', { messageId: recorded.messageId }, { jobId: answerJobId(recorded.messageId) });
    }
    return { duplicate: recorded.duplicate, messageId: recorded.messageId };
  };
}
