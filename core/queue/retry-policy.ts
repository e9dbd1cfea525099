/**
 * The retry rules both queue implementations share, so a handler behaves the same on BullMQ and in-process:
 * what a thrown error means for the job, and how long to wait before the next attempt.
 */
import { ConfigError } from '../errors.ts';
import { PermanentJobError, RetryLaterError, type JobName, type JobPayloads, type RetrySchedule, type WorkerOptions } from './job-queue.ts';

/** Highest `attempts` a worker may ask for; BullMQ stores it on each job when it is added (see bullmq-queue.ts). */
export const MAX_ATTEMPTS = 1000;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Attempts whose waits, doubling from `backoffMs` and each capped at `maxBackoffMs`, add up to at least
 * `spanMs`: how a schedule is told "keep trying for a day".
 */
export function attemptsSpanning(schedule: { backoffMs: number; maxBackoffMs: number }, spanMs: number): number {
  let waited = 0;
  let attempts = 1;
  while (waited < spanMs && attempts < MAX_ATTEMPTS) {
    waited += backoffDelayMs(schedule, attempts);
    attempts += 1;
  }
  return attempts;
}

/**
 * Deliveries outlive the outages real servers have (a customer's callback down for two minutes, a deploy, a
 * night): 1 s doubling to 15 min between attempts, then every 15 min, for about 24 h in all (106 attempts).
 * Given up after that, the message stays `failed` with its reason and can be retried by hand
 * (core/pipeline/retry-delivery.ts).
 */
export const DELIVERY_RETRY_SCHEDULE: RetrySchedule = (() => {
  const curve = { backoffMs: SECOND, maxBackoffMs: 15 * MINUTE };
  return { ...curve, attempts: attemptsSpanning(curve, 24 * HOUR) };
})();

/** Answering is our own work (database, matcher): a few quick retries cover a database failover. */
export const ANSWER_RETRY_SCHEDULE: RetrySchedule = { attempts: 8, backoffMs: SECOND, maxBackoffMs: 15 * MINUTE };

/** Desk notices: Slack/WeCom outages are short; an hour of retries, then the give-up is logged. */
export const NOTIFY_RETRY_SCHEDULE: RetrySchedule = (() => {
  const curve = { backoffMs: SECOND, maxBackoffMs: 5 * MINUTE };
  return { ...curve, attempts: attemptsSpanning(curve, HOUR) };
})();

/** Each job kind's schedule when the worker options say nothing. */
export const DEFAULT_RETRY_SCHEDULES: Readonly<Record<JobName, RetrySchedule>> = { answer: ANSWER_RETRY_SCHEDULE, deliver: DELIVERY_RETRY_SCHEDULE, pull: ANSWER_RETRY_SCHEDULE, notify: NOTIFY_RETRY_SCHEDULE };

/** WorkerOptions with their defaults filled in and checked once. */
export interface RetryPolicy {
  concurrency: number;
  /** The schedule of each job kind. */
  schedules: Readonly<Record<JobName, RetrySchedule>>;
  onGiveUp: (name: JobName, data: JobPayloads[JobName], error: Error) => Promise<void>;
}

/**
 * Fills in the documented defaults of {@link WorkerOptions} and refuses values that cannot work. Per kind,
 * field by field: `retry[kind]` over the top-level `attempts` / `backoffMs` / `maxBackoffMs` over the kind's
 * default schedule.
 */
export function resolveRetryPolicy(options: WorkerOptions = {}): RetryPolicy {
  const { concurrency = 10, onGiveUp = async () => {} } = options;
  requireInteger('concurrency', concurrency, 1, 10_000);
  const everyKind = definedOnly({ attempts: options.attempts, backoffMs: options.backoffMs, maxBackoffMs: options.maxBackoffMs });
  const schedules = {} as Record<JobName, RetrySchedule>;
  for (const name of Object.keys(DEFAULT_RETRY_SCHEDULES) as JobName[]) {
    const schedule = { ...DEFAULT_RETRY_SCHEDULES[name], ...everyKind, ...definedOnly(options.retry?.[name] ?? {}) };
    requireInteger(`${name} attempts`, schedule.attempts, 1, MAX_ATTEMPTS);
    requireInteger(`${name} backoffMs`, schedule.backoffMs, 0, 24 * HOUR);
    requireInteger(`${name} maxBackoffMs`, schedule.maxBackoffMs, schedule.backoffMs, 24 * HOUR);
    schedules[name] = schedule;
  }
  return { concurrency, schedules, onGiveUp };
}

/**
 * Wait before the attempt after `failedAttempts` failures: `backoffMs` doubled for each failure after the
 * first (1 s, 2 s, 4 s … by default, the curve of BullMQ's built-in 'exponential' backoff), never more than
 * `maxBackoffMs`.
 */
export function backoffDelayMs(schedule: { backoffMs: number; maxBackoffMs: number }, failedAttempts: number): number {
  // Capping the exponent first keeps 2 ** n finite for any attempt count.
  const doublings = Math.min(Math.max(0, failedAttempts - 1), 60);
  return Math.min(Math.round(schedule.backoffMs * 2 ** doublings), schedule.maxBackoffMs);
}

/** What happens to a job whose handler threw. */
export type FailureOutcome =
  /** Run again after `delayMs` without counting the attempt (the handler threw RetryLaterError). */
  | { kind: 'retry-later'; delayMs: number }
  /** Count the attempt and run again after the exponential backoff. */
  | { kind: 'retry'; delayMs: number }
  /** Fail for good: PermanentJobError, or this was the last attempt. */
  | { kind: 'give-up' };

/** Reads the error's class, never its message, to decide the job's fate. `attempt` is 1-based. */
export function decideFailure(error: Error, attempt: number, schedule: RetrySchedule): FailureOutcome {
  if (error instanceof RetryLaterError) return { kind: 'retry-later', delayMs: Math.max(0, error.delayMs) };
  if (error instanceof PermanentJobError || attempt >= schedule.attempts) return { kind: 'give-up' };
  return { kind: 'retry', delayMs: backoffDelayMs(schedule, attempt) };
}

/** The schedule of a job by its name; an unknown name (a job added by a newer version) gets the answer's. */
export function scheduleOf(policy: RetryPolicy, name: string): RetrySchedule {
  return (policy.schedules as Record<string, RetrySchedule | undefined>)[name] ?? ANSWER_RETRY_SCHEDULE;
}

/** Handlers may throw anything; the queue and onGiveUp deal in Error. */
export function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(`non-Error thrown: ${String(thrown)}`);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`worker option ${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}
