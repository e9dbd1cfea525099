/** Checks AddJobOptions once for both queue implementations, so a bad call fails the same way on each. */
import type { AddJobOptions } from './job-queue.ts';

/**
 * An empty jobId would silently turn off dedupe (BullMQ reads it as "no id" and makes one up), so it is
 * refused rather than passed on.
 */
export function resolveAddOptions(options: AddJobOptions): { jobId: string; delayMs: number } {
  const delayMs = options.delayMs ?? 0;
  if (typeof options.jobId !== 'string' || options.jobId.length === 0) throw new RangeError('jobId must be a non-empty string');
  if (!Number.isFinite(delayMs) || delayMs < 0) throw new RangeError(`delayMs must be a non-negative number, got ${delayMs}`);
  return { jobId: options.jobId, delayMs };
}
