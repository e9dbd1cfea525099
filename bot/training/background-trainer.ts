/**
 * Trains the knowledge-base matcher in a worker thread. Training takes about a second for the sample FAQ
 * and up to two for 1,000 FAQs × 10 phrasings; on the main thread that time passed with no webhook
 * acknowledged and no job served. The worker posts the trained model back as plain data, and the matcher
 * rebuilt from it answers on the main thread, synchronously, exactly as one trained there.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../core/runtime/ts-worker.ts';
import { matcherFromState } from '../matcher/train.ts';
import type { FaqTrainingEntry, Matcher } from '../matcher/types.ts';
import type { TrainerReply, TrainerRequest } from './trainer-protocol.ts';

export interface BackgroundTrainer {
  train(entries: readonly FaqTrainingEntry[]): Promise<Matcher>;
  /** Stops the worker; trainings in progress are rejected. */
  close(): Promise<void>;
}

const WORKER_ENTRY = new URL('./trainer-worker.ts', import.meta.url);

type Waiting = { resolve: (matcher: Matcher) => void; reject: (error: Error) => void };

export function createBackgroundTrainer(): BackgroundTrainer {
  let worker: Worker | undefined;
  let nextId = 0;
  const waiting = new Map<number, Waiting>();

  const failAll = (error: Error): void => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };

  /** The worker, started on first use and again after it died (a crash fails only the trainings it held). */
  const running = (): Worker => {
    if (worker) return worker;
    const started = startTsWorker(WORKER_ENTRY);
    started.on('message', (reply: TrainerReply) => {
      const pending = waiting.get(reply.id);
      if (!pending) return;
      waiting.delete(reply.id);
      if ('error' in reply) pending.reject(new Error(`matcher training failed: ${reply.error}`));
      else pending.resolve(matcherFromState(reply.state));
      // Idle, it must not keep the process alive.
      if (waiting.size === 0) started.unref();
    });
    started.once('error', (error) => failAll(error));
    started.once('exit', (code) => {
      if (worker === started) worker = undefined;
      failAll(new Error(`matcher training worker exited (code ${code})`));
    });
    worker = started;
    return started;
  };

  return {
    train(entries) {
      const target = running();
      const id = nextId++;
      const request: TrainerRequest = { id, entries: entries.map(({ id: faqId, question, alternatives }) => ({ id: faqId, question, alternatives })) };
      target.ref();
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        target.postMessage(request);
      });
    },
    async close() {
      const stopping = worker;
      worker = undefined;
      failAll(new Error('matcher training worker closed'));
      await stopping?.terminate();
    },
  };
}
