import type { HubConfig } from '../config/config.ts';
import { createBullmqQueue } from './bullmq-queue.ts';
import { createInProcessQueue } from './in-process-queue.ts';
import type { JobQueue } from './job-queue.ts';

/** The configured queue: in-process for the embedded default, BullMQ on Redis or on PostgreSQL to scale out. */
export function createJobQueue(config: Pick<HubConfig, 'queue' | 'databaseUrl'>): JobQueue {
  switch (config.queue.backend) {
    case 'in-process':
      return createInProcessQueue();
    case 'redis':
      return createBullmqQueue({ connection: { redisUrl: config.queue.redisUrl! } });
    case 'postgres':
      return createBullmqQueue({ connection: { postgresUrl: config.databaseUrl } });
  }
}
