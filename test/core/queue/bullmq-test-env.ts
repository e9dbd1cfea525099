/**
 * Test wiring for the BullMQ queue: real Redis and PostgreSQL on loopback, a fresh random namespace per
 * test, and deletion of what each test left behind.
 */
import { randomUUID } from 'node:crypto';
import { Queue, createPostgresBackend } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createBullmqQueue, type BullmqQueueOptions } from '../../../core/queue/bullmq-queue.ts';
import { TEST_POSTGRES_URL as POSTGRES_URL, TEST_REDIS_URL as REDIS_URL } from '../../support/services.ts';

/** Short enough that a killed worker's job is picked up again within about two seconds. */
export const FAST_STALL_OPTIONS = { lockDurationMs: 1000, stalledIntervalMs: 500 } as const;

export const quietLogger = pino({ level: 'warn' });

/** A random namespace; Redis keys start with `prefix:`. */
export function freshNames() {
  const id = randomUUID().slice(0, 8);
  return { prefix: `kefu-test-${id}`, queueName: `q-${id}` };
}

export function makeRedisQueue(names: { prefix: string; queueName: string }, extra: Partial<BullmqQueueOptions> = {}) {
  return createBullmqQueue({ connection: { redisUrl: REDIS_URL }, ...names, ...FAST_STALL_OPTIONS, logger: quietLogger, ...extra });
}

export function makePostgresQueue(names: { queueName: string }, extra: Partial<BullmqQueueOptions> = {}) {
  return createBullmqQueue({ connection: { postgresUrl: POSTGRES_URL }, queueName: names.queueName, ...FAST_STALL_OPTIONS, logger: quietLogger, ...extra });
}

/** Deletes every Redis key under `prefix`. */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

/** Removes a test queue's rows from the `bullmq` schema. */
export async function obliteratePostgresQueue(queueName: string): Promise<void> {
  const queue = new Queue(queueName, { connection: { connectionString: POSTGRES_URL, migrate: true } }, createPostgresBackend);
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
}
