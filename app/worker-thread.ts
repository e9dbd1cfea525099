/**
 * Runs in the worker thread of a ROLE=all process (app/hub-with-worker-thread.ts): the hub's worker role —
 * bot, answer, deliver, pull and notify jobs — with its own database connection, so the main thread only
 * receives webhooks and is never held up by bot work.
 *
 * With the in-process queue, the main thread's `add`s arrive here as messages and go into this thread's
 * queue; with a shared queue (Redis, PostgreSQL) the thread simply consumes it like a worker process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { HubConfig } from '../core/config/config.ts';
import { createLogger } from '../core/logger.ts';
import { createInProcessQueue } from '../core/queue/in-process-queue.ts';
import { lowerThisThreadsPriority } from '../core/runtime/thread-priority.ts';
import { startHub } from './hub.ts';
import type { FromMainThread, ToMainThread } from './worker-thread-messages.ts';

/** How much the worker thread yields to the main thread (0 is normal priority, 19 the lowest). */
const WORKER_THREAD_NICE = 10;

const port = parentPort;
if (!port) throw new Error('app/worker-thread.ts runs in a worker thread');
const { config, sqliteThreadsLock } = workerData as { config: HubConfig; sqliteThreadsLock: SharedArrayBuffer };
const logger = createLogger(config.logLevel).child({ thread: 'worker' });
// Webhooks before bot work: when both want the CPU, the kernel gives it to the main thread first.
const niced = lowerThisThreadsPriority(WORKER_THREAD_NICE);
const localQueue = config.queue.backend === 'in-process' ? createInProcessQueue({ logger }) : undefined;
const hub = await startHub({ ...config, role: 'worker' }, { logger, sqliteThreadsLock, databaseMigrated: true, announce: false, ...(localQueue ? { queue: localQueue } : {}) });

const post = (message: ToMainThread) => port.postMessage(message);
port.on('message', (message: FromMainThread) => {
  switch (message.type) {
    case 'add':
      // The message is stored before its job is added, so a job lost here is re-queued by recovery.
      hub.queue.add(message.name, message.data as never, message.options).catch((error: unknown) => logger.error({ err: error, jobId: message.options.jobId }, 'worker thread: adding a job failed'));
      return;
    case 'forget':
      hub.queue.forgetFinished(message.jobId).then(
        (forgotten) => post({ type: 'reply', id: message.id, result: forgotten }),
        (error: unknown) => post({ type: 'reply', id: message.id, error: String(error) }),
      );
      return;
    case 'metrics':
      post({ type: 'reply', id: message.id, result: hub.metrics.registry.families() });
      return;
    case 'close':
      hub.close().then(
        () => post({ type: 'reply', id: message.id, result: true }),
        (error: unknown) => post({ type: 'reply', id: message.id, error: String(error) }),
      );
      return;
  }
});
logger.debug({ nice: niced ? WORKER_THREAD_NICE : undefined }, 'worker thread ready');
post({ type: 'ready' });
