/**
 * The retry rules both queue implementations share, so a handler behaves the same on BullMQ and in-process:
 * what a thrown error means for the job, and how long to wait before the next attempt.
 */
import { ConfigError } from '../errors.ts';
import { PermanentJobError, RetryLaterError, type JobName, type JobPayloads, type WorkerOptions } from './job-queue.ts';

/** Highest `attempts` a worker may ask for; BullMQ stores it on each job when it is added (see bullmq-queue.ts). */
export const MAX_ATTEMPTS = 1000;

/** WorkerOptions with their defaults filled in and checked once. */
export interface RetryPolicy {
  concurrency: number;
  attempts: number;
  backoffMs: number;
  onGiveUp: (name: JobName, data: JobPayloads[JobName], error: Error) => Promise<void>;
}

/** Fills in the documented defaults of {@link WorkerOptions} and refuses values that cannot work. */
export function resolveRetryPolicy(options: WorkerOptions = {}): RetryPolicy {
  const { concurrency = 10, attempts = 8, backoffMs = 1000, onGiveUp = async () => {} } = options;
  requireInteger('concurrency', concurrency, 1, 10_000);
  requireInteger('attempts', attempts, 1, MAX_ATTEMPTS);
  requireInteger('backoffMs', backoffMs, 0, 24 * 60 * 60 * 1000);
  return { concurrency, attempts, backoffMs, onGiveUp };
}

/**
 * Wait before the attempt after `failedAttempts` failures: `backoffMs` doubled for each failure after the
 * first (1 s, 2 s, 4 s … by default), the same curve as BullMQ's built-in 'exponential' backoff.
 */
export function backoffDelayMs(backoffMs: number, failedAttempts: number): number {
  return Math.round(backoffMs * 2 ** Math.max(0, failedAttempts - 1));
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
export function decideFailure(error: Error, attempt: number, policy: RetryPolicy): FailureOutcome {
  if (error instanceof RetryLaterError) return { kind: 'retry-later', delayMs: Math.max(0, error.delayMs) };
  if (error instanceof PermanentJobError || attempt >= policy.attempts) return { kind: 'give-up' };
  return { kind: 'retry', delayMs: backoffDelayMs(policy.backoffMs, attempt) };
}

/** Handlers may throw anything; the queue and onGiveUp deal in Error. */
export function asError(thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(`non-Error thrown: ${String(thrown)}`);
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`worker option ${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
}
