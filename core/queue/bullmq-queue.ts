/**
 * The production JobQueue: one BullMQ queue carrying every job name, on Redis or on PostgreSQL. Jobs survive a
 * restart, several processes can add and work at once, and a job whose worker is killed is run again by
 * another worker once its lock expires.
 */
import { ConfigError } from '../errors.ts';
import { createLogger, type Logger } from '../logger.ts';
import { resolveAddOptions } from './add-options.ts';
import type { AddJobOptions, JobHandlers, JobName, JobPayloads, JobQueue, RunningWorker, WorkerOptions } from './job-queue.ts';
import { openBullmqQueue, openBullmqWorker, type BullmqConnection } from './bullmq-backend.ts';
import { toBullmqJobId } from './bullmq-job-id.ts';
import { createBullmqProcessor } from './bullmq-processor.ts';
import { JOB_PRIORITY } from './job-priority.ts';
import { backoffDelayMs, MAX_ATTEMPTS, resolveRetryPolicy, scheduleOf } from './retry-policy.ts';

/** How many finished jobs BullMQ keeps, by age and by count, whichever limit is reached first. */
export interface KeepJobs {
  ageSeconds: number;
  count: number;
}

export interface BullmqQueueOptions {
  /** Redis (`redis://…`) or PostgreSQL (`postgres://…`; BullMQ creates its tables in schema `bullmq`). */
  connection: BullmqConnection;
  /** Redis key prefix, so several hubs can share one Redis. Ignored on PostgreSQL. @defaultValue 'kefu' */
  prefix?: string;
  /** @defaultValue 'kefu' */
  queueName?: string;
  /**
   * Completed jobs are kept so that a duplicate `add` (a webhook retried by the channel) stays a no-op, but not
   * forever, so Redis does not grow without bound. About 0.5 KB each.
   * @defaultValue 24 hours, 50,000 jobs
   */
  keepCompleted?: KeepJobs;
  /**
   * Failed jobs are kept for inspection. While kept, a duplicate `add` of the same id is a no-op, as for
   * completed ones. @defaultValue 7 days, 50,000 jobs
   */
  keepFailed?: KeepJobs;
  /**
   * How long a worker's claim on an active job lasts without renewal. A killed worker's job is run again by
   * another worker between one and about two stall intervals after this expires. @defaultValue 30000
   */
  lockDurationMs?: number;
  /** How often each worker looks for jobs whose worker died. @defaultValue 30000 */
  stalledIntervalMs?: number;
  /** Worker deaths a job survives; one more and it is given up through onGiveUp. @defaultValue 1 */
  maxStalledCount?: number;
  /** Receives connection errors and failures of onGiveUp; never job data. @defaultValue createLogger('info') */
  logger?: Logger;
}

const DAY_SECONDS = 24 * 60 * 60;

/** Out of reach on purpose: the stall limit is enforced by our processor, which can call onGiveUp. */
const BULLMQ_STALL_LIMIT = 1_000_000;

/** A job in one of these BullMQ states will not run again by itself. */
const FINISHED_STATES = new Set(['completed', 'failed']);

/** Registered as the worker's backoffStrategy; the attempt count itself is the worker's `attempts`. */
const BACKOFF_TYPE = 'kefu-exponential';

/**
 * Creates the BullMQ-backed JobQueue. Opening is lazy in BullMQ, so this does no I/O until the first `add` or
 * `work`.
 *
 * Retries: the worker's schedule for the job's kind (WorkerOptions `attempts`, `backoffMs`, `maxBackoffMs`,
 * `retry`) decides, not options stored on the job, so
 * a job added by one process follows the policy of the worker that runs it. RetryLaterError moves the job to
 * BullMQ's delayed set for exactly `delayMs` and does not count as an attempt, so a handler that keeps
 * throwing it (an API that keeps saying "wait") is never given up by the queue; bound it in the handler.
 */
export function createBullmqQueue(options: BullmqQueueOptions): JobQueue {
  const queueName = options.queueName ?? 'kefu';
  const prefix = options.prefix ?? 'kefu';
  const keepCompleted = options.keepCompleted ?? { ageSeconds: DAY_SECONDS, count: 50_000 };
  const keepFailed = options.keepFailed ?? { ageSeconds: 7 * DAY_SECONDS, count: 50_000 };
  const lockDuration = options.lockDurationMs ?? 30_000;
  const stalledInterval = options.stalledIntervalMs ?? 30_000;
  const maxStalledCount = options.maxStalledCount ?? 1;
  const logger = options.logger ?? createLogger('info');
  if (!queueName || queueName.includes(':')) throw new ConfigError(`queue name must be non-empty without ':', got '${queueName}'`);
  requireInteger('lockDurationMs', lockDuration, 1);
  requireInteger('stalledIntervalMs', stalledInterval, 1);
  requireInteger('maxStalledCount', maxStalledCount, 0);

  const logError = (error: Error) => logger.error({ err: error, queue: queueName }, 'job queue connection error');
  let queue: ReturnType<typeof openBullmqQueue> | undefined;
  const openQueue = () => {
    if (!queue) {
      queue = openBullmqQueue(options.connection, queueName, prefix);
      queue.on('error', logError);
    }
    return queue;
  };

  return {
    async add<N extends JobName>(name: N, data: JobPayloads[N], addOptions: AddJobOptions): Promise<void> {
      const { jobId, delayMs } = resolveAddOptions(addOptions);
      // BullMQ ignores an add whose jobId exists in any state, which is exactly the idempotency we want.
      await openQueue().add(name, data, {
        jobId: toBullmqJobId(jobId),
        delay: delayMs,
        priority: JOB_PRIORITY[name],
        attempts: MAX_ATTEMPTS,
        backoff: { type: BACKOFF_TYPE },
        removeOnComplete: { age: keepCompleted.ageSeconds, count: keepCompleted.count },
        removeOnFail: { age: keepFailed.ageSeconds, count: keepFailed.count },
      });
    },

    async forgetFinished(jobId: string): Promise<boolean> {
      const job = await openQueue().getJob(toBullmqJobId(jobId));
      if (!job || !FINISHED_STATES.has(await job.getState())) return false;
      await job.remove();
      return true;
    },

    work(handlers: JobHandlers, workerOptions?: WorkerOptions): RunningWorker {
      const policy = resolveRetryPolicy(workerOptions);
      const processor = createBullmqProcessor({ handlers, policy, maxStalledCount, logger });
      const worker = openBullmqWorker(options.connection, queueName, prefix, processor, {
        concurrency: policy.concurrency,
        lockDuration,
        stalledInterval,
        maxStalledCount: BULLMQ_STALL_LIMIT,
        settings: { backoffStrategy: (attemptsMade: number, _type, _error, job) => backoffDelayMs(scheduleOf(policy, job?.name ?? ''), attemptsMade) },
      });
      worker.on('error', logError);
      // BullMQ's close waits for the active jobs to finish before it disconnects.
      return { close: () => worker.close() };
    },

    async close(): Promise<void> {
      await queue?.close();
    },
  };
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`bullmq queue option ${name} must be an integer ≥ ${min}, got ${value}`);
}
