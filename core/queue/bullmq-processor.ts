/**
 * Turns our JobHandlers into one BullMQ processor and translates what a handler throws into BullMQ's terms:
 * RetryLaterError → DelayedError (not an attempt), give-up → UnrecoverableError after onGiveUp, anything else
 * → a counted attempt that BullMQ retries after the worker's backoff strategy.
 */
import { DelayedError, UnrecoverableError, type Job, type Processor } from 'bullmq';
import type { Logger } from '../logger.ts';
import type { JobHandlers, JobName, JobPayloads } from './job-queue.ts';
import { fromBullmqJobId } from './bullmq-job-id.ts';
import { asError, decideFailure, scheduleOf, type RetryPolicy } from './retry-policy.ts';

export interface BullmqProcessorOptions {
  handlers: JobHandlers;
  policy: RetryPolicy;
  /** A job whose worker died more often than this while running it is given up (see bullmq-queue.ts). */
  maxStalledCount: number;
  logger: Logger;
}

/**
 * onGiveUp is called here, inside the processor and before BullMQ marks the job failed, rather than from the
 * worker's 'failed' event: if the process dies in between, the job stalls and is run again, so the failure is
 * recorded at least once instead of possibly never.
 */
export function createBullmqProcessor({ handlers, policy, maxStalledCount, logger }: BullmqProcessorOptions): Processor {
  const giveUp = async (job: Job, error: Error): Promise<never> => {
    try {
      await policy.onGiveUp(job.name as JobName, job.data as JobPayloads[JobName], error);
    } catch (hookError) {
      logger.error({ err: hookError, jobId: job.id, jobName: job.name }, 'onGiveUp failed; the job is failed anyway');
    }
    throw new UnrecoverableError(error.message);
  };

  return async (job: Job, token?: string) => {
    const handler = handlers[job.name as JobName] as ((data: unknown, meta: { attempt: number; jobId: string }) => Promise<void>) | undefined;
    if (!handler) return giveUp(job, new Error(`no handler for job name ${job.name}`));
    // BullMQ's own stall limit would fail the job without running any of our code, so it is set out of reach
    // and enforced here, where onGiveUp can be called.
    if (job.stalledCounter > maxStalledCount) {
      return giveUp(job, new Error(`job was interrupted ${job.stalledCounter} times by a worker that stopped while running it`));
    }
    const attempt = job.attemptsMade + 1;
    try {
      await handler(job.data, { attempt, jobId: fromBullmqJobId(job.id ?? '') });
    } catch (thrown) {
      const error = asError(thrown);
      const outcome = decideFailure(error, attempt, scheduleOf(policy, job.name));
      if (outcome.kind === 'retry-later') {
        if (token === undefined) throw new Error('BullMQ gave the processor no lock token; cannot delay the job');
        await job.moveToDelayed(Date.now() + outcome.delayMs, token);
        throw new DelayedError();
      }
      if (outcome.kind === 'give-up') return giveUp(job, error);
      throw error;
    }
  };
}
