/**
 * Opens BullMQ queues and workers on either of its two stores. Redis is the usual one; the PostgreSQL backend
 * (bullmq ≥ 6.7) lets a deployment that runs PostgreSQL but no Redis still scale out to several processes.
 * Everything else in bullmq-queue.ts is the same for both, so the choice lives here only.
 */
import { Queue, Worker, createPostgresBackend, type JobsOptions, type Processor, type WorkerOptions } from 'bullmq';

/** Where the jobs are stored. */
export type BullmqConnection = { redisUrl: string } | { postgresUrl: string };

/** The part of a BullMQ Queue we use, whichever store is behind it. */
export interface BullmqQueueHandle {
  add(name: string, data: unknown, options: JobsOptions): Promise<unknown>;
  getJob(jobId: string): Promise<{ getState(): Promise<string>; remove(): Promise<void> } | undefined>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void>;
}

/** The part of a BullMQ Worker we use, whichever store is behind it. */
export interface BullmqWorkerHandle {
  on(event: 'error', listener: (error: Error) => void): unknown;
  close(): Promise<void>;
}

/** Worker options minus the connection, which {@link openBullmqWorker} supplies. */
export type BullmqWorkerSettings = Omit<WorkerOptions, 'connection' | 'prefix'>;

/**
 * `prefix` namespaces Redis keys; the PostgreSQL backend keeps every queue in schema `bullmq` and ignores it,
 * so isolate PostgreSQL deployments (or tests) by queue name instead.
 */
export function openBullmqQueue(connection: BullmqConnection, name: string, prefix: string): BullmqQueueHandle {
  if ('redisUrl' in connection) {
    return new Queue(name, { connection: { url: connection.redisUrl }, prefix });
  }
  return new Queue(name, { connection: postgresConnection(connection.postgresUrl) }, createPostgresBackend);
}

export function openBullmqWorker(
  connection: BullmqConnection,
  name: string,
  prefix: string,
  processor: Processor,
  settings: BullmqWorkerSettings,
): BullmqWorkerHandle {
  if ('redisUrl' in connection) {
    return new Worker(name, processor, { ...settings, connection: { url: connection.redisUrl }, prefix });
  }
  return new Worker(name, processor, { ...settings, connection: postgresConnection(connection.postgresUrl) }, createPostgresBackend);
}

/** `migrate: true` creates or upgrades the `bullmq` schema on connect; without it BullMQ refuses to start. */
function postgresConnection(postgresUrl: string) {
  return { connectionString: postgresUrl, migrate: true };
}
