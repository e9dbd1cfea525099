/** What the main thread and the worker thread of a ROLE=all process say to each other (app/worker-thread.ts). */
import type { MetricFamily } from '../core/metrics/registry.ts';
import type { AddJobOptions, JobName, JobPayloads } from '../core/queue/job-queue.ts';

/** A job for the worker thread's in-process queue (fire and forget: the database holds the truth). */
export interface AddJobMessage {
  type: 'add';
  name: JobName;
  data: JobPayloads[JobName];
  options: AddJobOptions;
}

/** Requests answered by a `reply` with the same id. */
export type ThreadRequest = { type: 'forget'; id: number; jobId: string } | { type: 'metrics'; id: number } | { type: 'close'; id: number };

export type FromMainThread = AddJobMessage | ThreadRequest;

export type ToMainThread = { type: 'ready' } | { type: 'reply'; id: number; result: boolean | MetricFamily[] } | { type: 'reply'; id: number; error: string };
