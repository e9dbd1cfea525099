/**
 * The job queue seen by the pipeline. Two implementations pass the same contract suite
 * (test/core/queue/contract.ts): BullMQ on Redis (production) and an in-process queue (embedded default).
 *
 * Job data holds ids, never objects: the database is the source of truth, so a job can be re-run or
 * re-created from it after a crash (see core/pipeline/recovery.ts).
 */

/** Every job the hub runs, with its data. */
export interface JobPayloads {
  /** Decide how to answer one stored inbound message. */
  answer: { messageId: string };
  /** Deliver one stored outbound message through its channel. */
  deliver: { messageId: string };
  /** Fetch what a "come and fetch" channel (WeChat kf) holds for one inbox, from its stored cursor. */
  pull: { inboxId: string; hint?: string };
  /**
   * Tell the agents' desks about an escalation (core/handoff/notifier.ts): post its card, update it, post a
   * later customer message into its thread, re-notify an unclaimed one, or say an agent's reply did not
   * reach the customer (`relay_failed`, with the failed message's id).
   */
  notify: { escalationId: string; kind: 'card' | 'update' | 'customer_message' | 'renotify' | 'relay_failed'; customerMessageId?: string; round?: number; failedMessageId?: string };
}

export type JobName = keyof JobPayloads;

export interface AddJobOptions {
  /**
   * Idempotency key: while a job with this id exists (waiting, active or completed-and-kept), adding
   * another with the same id is a no-op. The pipeline uses `${name}:${messageId}`.
   */
  jobId: string;
  /** Run no earlier than this many milliseconds from now. @defaultValue 0 */
  delayMs?: number;
}

/** What a handler may throw to steer its job rather than report a bug. */
export class RetryLaterError extends Error {
  constructor(message: string, readonly delayMs: number) {
    super(message);
  }
}

/** Retrying cannot help (e.g. the customer blocked the bot). The job fails at once, without retries. */
export class PermanentJobError extends Error {}

export type JobHandler<N extends JobName> = (data: JobPayloads[N], meta: { attempt: number; jobId: string }) => Promise<void>;
/** `notify` is optional: a hub without agent desks (and the queue's own tests) has nothing to notify. */
export type JobHandlers = { [N in Exclude<JobName, 'notify'>]: JobHandler<N> } & { notify?: JobHandler<'notify'> };

/** How one kind of job is retried after a failed attempt (see core/queue/retry-policy.ts). */
export interface RetrySchedule {
  /** Attempts in all, the first included, before the job is given up. */
  attempts: number;
  /** Wait after the first failure; doubles after each further one. */
  backoffMs: number;
  /** No single wait is longer than this, however many failures came before. */
  maxBackoffMs: number;
}

export interface WorkerOptions {
  /** Jobs processed at once by this process. @defaultValue 10 */
  concurrency?: number;
  /**
   * Attempts before a job is given up, for every job kind without its own `retry` entry.
   * @defaultValue each kind's own: `answer` 8; `deliver` 106 (about 24 h, DELIVERY_RETRY_SCHEDULE)
   */
  attempts?: number;
  /** First backoff delay in ms, for every kind (as `attempts`); doubles each attempt. @defaultValue 1000 */
  backoffMs?: number;
  /** Longest single backoff delay in ms, for every kind (as `attempts`). @defaultValue 900000 (15 min) */
  maxBackoffMs?: number;
  /**
   * Per job kind, field by field over the three options above: e.g. deliveries that outlast a customer
   * server's outage while answers give up after a few seconds. @defaultValue DEFAULT_RETRY_SCHEDULES
   */
  retry?: { [N in JobName]?: Partial<RetrySchedule> };
  /** Called once when a job fails for good (PermanentJobError, or attempts used up), to record the failure. */
  onGiveUp?: (name: JobName, data: JobPayloads[JobName], error: Error) => Promise<void>;
}

export interface RunningWorker {
  /** Stops taking new jobs and waits for the active ones to finish. */
  close(): Promise<void>;
}

export interface JobQueue {
  add<N extends JobName>(name: N, data: JobPayloads[N], options: AddJobOptions): Promise<void>;
  /**
   * Lets the id of a finished job (completed, or given up) be used again, so work done once can be run again
   * on purpose: an admin retrying a failed delivery. A job still waiting, delayed or running is left alone.
   * @returns whether a finished job was forgotten
   */
  forgetFinished(jobId: string): Promise<boolean>;
  /** Starts consuming in this process. */
  work(handlers: JobHandlers, options?: WorkerOptions): RunningWorker;
  /** Closes connections. Workers should be closed first. */
  close(): Promise<void>;
}
