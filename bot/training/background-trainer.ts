/**
 * Trains the knowledge-base matcher in a worker thread. Training takes about a second for the sample FAQ
 * and up to two for 1,000 FAQs × 10 phrasings; on the main thread that time passed with no webhook
 * acknowledged and no job served. The worker posts the trained model back as plain data, and the matcher
 * rebuilt from it answers on the main thread, synchronously, exactly as one trained there.
 */
import { startTsWorker } from '../../core/runtime/ts-worker.ts';
import { WorkerRequests } from '../../core/runtime/worker-requests.ts';
import { matcherFromState, type MatcherState, type FaqTrainingEntry, type Matcher } from '../matcher/index.ts';

export interface BackgroundTrainer {
  train(entries: readonly FaqTrainingEntry[]): Promise<Matcher>;
  /** Stops the worker; trainings in progress fail. */
  close(): Promise<void>;
}

const WORKER_ENTRY = new URL('./trainer-worker.ts', import.meta.url);

export function createBackgroundTrainer(): BackgroundTrainer {
  let worker: WorkerRequests<FaqTrainingEntry[], MatcherState> | undefined;
  return {
    async train(entries) {
      // Started on first use, and again after a crash (which fails only the trainings it held).
      if (!worker?.alive) worker = new WorkerRequests(startTsWorker(WORKER_ENTRY), 'matcher training');
      const plain = entries.map(({ id, question, alternatives }) => ({ id, question, alternatives }));
      return matcherFromState(await worker.send(plain));
    },
    async close() {
      const stopping = worker;
      worker = undefined;
      await stopping?.terminate();
    },
  };
}
