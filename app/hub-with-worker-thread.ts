/**
 * ROLE=all as two threads of one process (WORKER_THREAD=on, the default): the main thread is the web role
 * and acknowledges webhooks; a worker thread (app/worker-thread.ts) is the worker role and answers and
 * delivers. On the embedded default the bot's CPU work no longer sits between a webhook and its reply, and
 * the second core does the answering. The threads share the database (each with its own connection) and
 * the queue: a shared backend as separate processes do, or the worker thread's in-process queue, which the
 * main thread adds to by message.
 */
import type { Worker } from 'node:worker_threads';
import type { HubConfig } from '../core/config/config.ts';
import type { Logger } from '../core/logger.ts';
import type { MetricFamily } from '../core/metrics/registry.ts';
import type { JobQueue } from '../core/queue/job-queue.ts';
import { startTsWorker } from '../core/runtime/ts-worker.ts';
import { ThreadsLock } from '../core/storage/threads-lock.ts';
import { applyMigrations } from '../prisma/tools/migrate.ts';
import { startHub, type RunningHub } from './hub.ts';
import type { FromMainThread, ThreadRequest, ToMainThread } from './worker-thread-messages.ts';

export interface WorkerThreadOptions {
  logger: Logger;
  /** The worker thread stopped on its own (it crashed): nothing is being answered any more. */
  onWorkerThreadExit: (error: Error) => void;
  /** The module the worker thread runs. @defaultValue app/worker-thread.ts (tests give one that fails) */
  workerEntry?: URL;
}

/** Starts the web role here, then the worker role in its thread; resolves once both run. */
export async function startHubWithWorkerThread(config: HubConfig, options: WorkerThreadOptions): Promise<RunningHub> {
  // Migrations once, before either thread opens the database.
  await applyMigrations(config.databaseUrl);
  const link = new WorkerThreadLink(options);
  const sqliteThreadsLock = ThreadsLock.createBuffer();
  const web = await startHub(
    { ...config, role: 'web' },
    { logger: options.logger, sqliteThreadsLock, databaseMigrated: true, announce: false, ...(config.queue.backend === 'in-process' ? { queue: link.queue } : {}), metricsCollectors: [() => link.metrics()] },
  );
  try {
    // Started after the web role has synced the inboxes and seeded the FAQ, so the two never write those at once.
    await link.start(config, sqliteThreadsLock);
  } catch (error) {
    await web.close();
    throw error;
  }
  const inboxes = config.inboxes.map((inbox) => inbox.key);
  options.logger.info({ role: config.role, workerThread: true, port: web.port, queue: config.queue.backend, database: web.database.provider, inboxes }, 'hub started');
  return {
    ...web,
    async close() {
      // Webhooks first (a WeChat OA request may still wait for the worker's reply), then the worker.
      await web.close();
      await link.close();
    },
  };
}

type Waiting = { resolve: (result: unknown) => void; reject: (error: Error) => void };

/** The main thread's end of the worker thread: its queue, its metrics and its lifetime. */
class WorkerThreadLink {
  #worker: Worker | undefined;
  #closing = false;
  /** The thread is gone (crashed, or terminated by close): nothing is sent to it any more. */
  #stopped = false;
  #nextId = 0;
  readonly #waiting = new Map<number, Waiting>();

  constructor(private readonly options: WorkerThreadOptions) {}

  /** A JobQueue whose jobs run in the worker thread's in-process queue. */
  readonly queue: JobQueue = {
    add: async (name, data, options) => this.#post({ type: 'add', name, data, options }),
    forgetFinished: async (jobId) => (await this.#request({ type: 'forget', jobId })) as boolean,
    work: () => {
      throw new Error('jobs of a ROLE=all process run in its worker thread');
    },
    close: async () => {},
  };

  start(config: HubConfig, sqliteThreadsLock: SharedArrayBuffer): Promise<void> {
    const entry = this.options.workerEntry ?? new URL('./worker-thread.ts', import.meta.url);
    const worker = (this.#worker = startTsWorker(entry, { config, sqliteThreadsLock }));
    return new Promise((resolve, reject) => {
      let ready = false;
      worker.on('message', (message: ToMainThread) => {
        if (message.type === 'ready') {
          ready = true;
          resolve();
        } else this.#settle(message);
      });
      let stoppedAlready = false;
      // A crash emits 'error' and then 'exit': the first says why, and is the one reported.
      const stopped = (error: Error) => {
        if (stoppedAlready) return;
        stoppedAlready = true;
        this.#stopped = true;
        for (const { reject: fail } of this.#waiting.values()) fail(error);
        this.#waiting.clear();
        if (!ready) reject(error);
        else if (!this.#closing) {
          this.options.logger.fatal({ err: error }, 'the worker thread stopped: nothing is answered or delivered any more');
          this.options.onWorkerThreadExit(error);
        }
      };
      worker.once('error', stopped);
      worker.once('exit', (code) => stopped(new Error(`the worker thread exited (code ${code})`)));
    });
  }

  async metrics(): Promise<MetricFamily[]> {
    return (await this.#request({ type: 'metrics' })) as MetricFamily[];
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker || this.#closing || this.#stopped) return;
    try {
      await this.#request({ type: 'close' });
    } finally {
      this.#closing = true;
      await worker.terminate();
    }
  }

  #post(message: FromMainThread): void {
    if (!this.#worker || this.#closing || this.#stopped) throw new Error('the worker thread is not running');
    this.#worker.postMessage(message);
  }

  #request(request: DistributiveOmit<ThreadRequest, 'id'>): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      try {
        this.#post({ ...request, id } as ThreadRequest);
      } catch (error) {
        this.#waiting.delete(id);
        reject(error as Error);
      }
    });
  }

  #settle(reply: Extract<ToMainThread, { type: 'reply' }>): void {
    const waiting = this.#waiting.get(reply.id);
    if (!waiting) return;
    this.#waiting.delete(reply.id);
    if ('error' in reply) waiting.reject(new Error(`worker thread: ${reply.error}`));
    else waiting.resolve(reply.result);
  }
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
