/**
 * The queue ceiling: BullMQ on Redis with nothing around it. Adds come 50 at a time (as concurrent
 * webhooks would), one worker with the hub's default concurrency takes them, the handler does nothing.
 */
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { quantile } from '../../bot/numeric/quantile.ts';
import type { Cleanup } from '../lib/cleanup.ts';

export interface QueueCeiling {
  addsPerSecond: number;
  processedPerSecond: number;
  /** Add → handler start. */
  latencyP50Ms: number;
  latencyP99Ms: number;
}

export async function measureBullmqRaw(options: { redisUrl: string; jobs: number; concurrency: number; cleanup: Cleanup }): Promise<QueueCeiling> {
  const prefix = `kefu-bench-${randomBytes(4).toString('hex')}`;
  const connection = { url: options.redisUrl };
  const queue = new Queue('ceiling', { connection, prefix });
  const latencies: number[] = [];
  let processed = 0;
  let allDone: () => void = () => {};
  const done = new Promise<void>((resolve) => (allDone = resolve));
  const worker = new Worker('ceiling', async (job) => {
    latencies.push(Date.now() - (job.data as { addedAt: number }).addedAt);
    if (++processed === options.jobs) allDone();
  }, { connection, prefix, concurrency: options.concurrency });
  options.cleanup.add('raw BullMQ queue', async () => {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  });
  await worker.waitUntilReady();
  const started = performance.now();
  let next = 0;
  const adder = async () => {
    while (next < options.jobs) {
      const n = next++;
      await queue.add('answer', { messageId: `m-${n}`, addedAt: Date.now() }, { jobId: `answer-m-${n}`, removeOnComplete: { count: 50_000 } });
    }
  };
  await Promise.all(Array.from({ length: 50 }, adder));
  const addedMs = performance.now() - started;
  await done;
  const processedMs = performance.now() - started;
  return {
    addsPerSecond: options.jobs / (addedMs / 1000),
    processedPerSecond: options.jobs / (processedMs / 1000),
    latencyP50Ms: quantile(latencies, 0.5),
    latencyP99Ms: quantile(latencies, 0.99),
  };
}
