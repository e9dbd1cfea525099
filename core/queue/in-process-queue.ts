/**
 * The embedded default JobQueue: one process, no Redis. It has the same semantics as the BullMQ queue
 * (jobId dedupe, concurrency, retries with capped exponential backoff per job kind, RetryLaterError, PermanentJobError, onGiveUp
 * once, close waits for active jobs) and passes the same contract suite.
 */
import { ConfigError } from '../errors.ts';
import { createLogger, type Logger } from '../logger.ts';
import { resolveAddOptions } from './add-options.ts';
import { JOB_PRIORITY } from './job-priority.ts';
import { PermanentJobError, type AddJobOptions, type JobHandlers, type JobName, type JobPayloads, type JobQueue, type RunningWorker, type WorkerOptions } from './job-queue.ts';
import { asError, decideFailure, resolveRetryPolicy, scheduleOf, type RetryPolicy } from './retry-policy.ts';

export interface InProcessQueueOptions {
  /**
   * Ids of finished jobs (completed or given up) are remembered this long, and at most this many, so that a
   * duplicate `add` stays a no-op without memory growing forever. @defaultValue 24 hours, 10,000 ids
   */
  keepFinished?: { ageMs: number; count: number };
  /** Receives failures of onGiveUp. @defaultValue createLogger('info') */
  logger?: Logger;
  /** @defaultValue Date.now */
  now?: () => number;
}

interface QueuedJob {
  name: JobName;
  data: JobPayloads[JobName];
  jobId: string;
  /** Failed attempts so far; RetryLaterError does not count. */
  attemptsMade: number;
}

type AnyHandler = (data: JobPayloads[JobName], meta: { attempt: number; jobId: string }) => Promise<void>;

/** One `work()` call: its own handlers, policy and concurrency slots. */
interface LocalWorker {
  handlers: JobHandlers;
  policy: RetryPolicy;
  active: number;
  /** Resolved whenever a job of this worker finishes, so `close` can wait for `active` to reach 0. */
  onIdle: Array<() => void>;
}

/**
 * Creates the in-process queue. It keeps nothing durable: jobs waiting, delayed or between retries are lost
 * when the process stops. That is acceptable because job data is only ids and the pipeline re-creates
 * unfinished jobs from the database at start-up (core/pipeline/recovery.ts). Its timers are unref'd, so
 * pending retries never keep the process alive.
 */
export function createInProcessQueue(options: InProcessQueueOptions = {}): JobQueue {
  const keepFinished = options.keepFinished ?? { ageMs: 24 * 60 * 60 * 1000, count: 10_000 };
  const logger = options.logger ?? createLogger('info');
  const now = options.now ?? Date.now;
  if (!(keepFinished.ageMs >= 0 && Number.isInteger(keepFinished.count) && keepFinished.count >= 0)) {
    throw new ConfigError('keepFinished needs a non-negative ageMs and count');
  }

  /** Waiting, delayed or active jobs by id. */
  const unfinished = new Map<string, QueuedJob>();
  /** Finished job ids with the time they finished, oldest first (Map keeps insertion order). */
  const finished = new Map<string, number>();
  /** Jobs ready to run, one first-in-first-out line per priority (JOB_PRIORITY), highest first. */
  const ready = new Map<number, QueuedJob[]>([...new Set(Object.values(JOB_PRIORITY))].sort((a, b) => a - b).map((priority) => [priority, []]));
  const makeReady = (job: QueuedJob) => ready.get(JOB_PRIORITY[job.name])!.push(job);
  const nextReady = (): QueuedJob | undefined => {
    for (const line of ready.values()) if (line.length > 0) return line.shift();
    return undefined;
  };
  const timers = new Set<NodeJS.Timeout>();
  const workers = new Set<LocalWorker>();
  let closed = false;

  const forgetOldFinished = () => {
    for (const [jobId, finishedAt] of finished) {
      if (finished.size <= keepFinished.count && now() - finishedAt < keepFinished.ageMs) break;
      finished.delete(jobId);
    }
  };

  const markFinished = (job: QueuedJob) => {
    unfinished.delete(job.jobId);
    finished.set(job.jobId, now());
    forgetOldFinished();
  };

  const schedule = (job: QueuedJob, delayMs: number) => {
    if (closed) return;
    if (delayMs <= 0) {
      makeReady(job);
      dispatch();
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      makeReady(job);
      dispatch();
    }, delayMs);
    timer.unref();
    timers.add(timer);
  };

  const dispatch = () => {
    for (const worker of workers) {
      while (worker.active < worker.policy.concurrency) {
        const job = nextReady();
        if (!job) break;
        worker.active += 1;
        void run(worker, job);
      }
    }
  };

  const run = async (worker: LocalWorker, job: QueuedJob) => {
    // Yield first so that `add` and `dispatch` never run a handler synchronously inside themselves.
    await Promise.resolve();
    const attempt = job.attemptsMade + 1;
    try {
      const handler = worker.handlers[job.name] as AnyHandler | undefined;
      if (!handler) throw new PermanentJobError(`no handler for job name ${job.name}`);
      await handler(job.data, { attempt, jobId: job.jobId });
      markFinished(job);
    } catch (thrown) {
      const error = asError(thrown);
      const outcome = decideFailure(error, attempt, scheduleOf(worker.policy, job.name));
      if (outcome.kind === 'give-up') {
        await callOnGiveUp(worker.policy, job, error);
        markFinished(job);
      } else {
        if (outcome.kind === 'retry') job.attemptsMade += 1;
        schedule(job, outcome.delayMs);
      }
    } finally {
      worker.active -= 1;
      for (const resolve of worker.onIdle.splice(0)) resolve();
      dispatch();
    }
  };

  const callOnGiveUp = async (policy: RetryPolicy, job: QueuedJob, error: Error) => {
    try {
      await policy.onGiveUp(job.name, job.data, error);
    } catch (hookError) {
      logger.error({ err: hookError, jobId: job.jobId, jobName: job.name }, 'onGiveUp failed; the job is failed anyway');
    }
  };

  return {
    async add<N extends JobName>(name: N, data: JobPayloads[N], addOptions: AddJobOptions): Promise<void> {
      if (closed) throw new Error('job queue is closed');
      const { jobId, delayMs } = resolveAddOptions(addOptions);
      forgetOldFinished();
      if (unfinished.has(jobId) || finished.has(jobId)) return;
      const job: QueuedJob = { name, data, jobId, attemptsMade: 0 };
      unfinished.set(job.jobId, job);
      schedule(job, delayMs);
    },

    async forgetFinished(jobId: string): Promise<boolean> {
      return finished.delete(jobId);
    },

    work(handlers: JobHandlers, workerOptions?: WorkerOptions): RunningWorker {
      if (closed) throw new Error('job queue is closed');
      const worker: LocalWorker = { handlers, policy: resolveRetryPolicy(workerOptions), active: 0, onIdle: [] };
      workers.add(worker);
      dispatch();
      return {
        async close() {
          // Jobs this worker would retry later go back to the shared queue for any other worker.
          workers.delete(worker);
          while (worker.active > 0) await new Promise<void>((resolve) => worker.onIdle.push(resolve));
        },
      };
    },

    async close(): Promise<void> {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const line of ready.values()) line.length = 0;
    },
  };
}
