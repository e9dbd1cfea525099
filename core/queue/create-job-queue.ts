import type { HubConfig } from '../config/config.ts';
import type { Logger } from '../logger.ts';
import { createBullmqQueue } from './bullmq-queue.ts';
import { createInProcessQueue } from './in-process-queue.ts';
import type { JobQueue } from './job-queue.ts';

/**
 * The configured queue: in-process for the embedded default, BullMQ on Redis or on PostgreSQL to scale out.
 * A worker's claim on a job lasts one stall interval, so a killed worker's job moves to another worker
 * within about two intervals.
 */
export function createJobQueue(config: Pick<HubConfig, 'queue' | 'databaseUrl'>, logger?: Logger): JobQueue {
  const { backend, prefix, stalledIntervalMs } = config.queue;
  const stall = { lockDurationMs: stalledIntervalMs, stalledIntervalMs, logger };
  switch (backend) {
    case 'in-process':
      return createInProcessQueue();
    case 'redis':
      return createBullmqQueue({ connection: { redisUrl: config.queue.redisUrl! }, prefix, queueName: 'kefu', ...stall });
    case 'postgres':
      // BullMQ's PostgreSQL tables have no key prefix: the prefix names the queue instead.
      return createBullmqQueue({ connection: { postgresUrl: config.databaseUrl }, queueName: prefix, ...stall });
  }
}
