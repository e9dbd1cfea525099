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

/**
 * Each training gets its own worker thread, stopped once it has answered: a thread keeps its own copy of
 * the tokenizer's dictionaries and the loader (about 100 MB of RSS) and trainings are rare (start-up, an
 * FAQ edit), so starting one again (about a second) is cheaper than keeping one for the process's life.
 */
export function createBackgroundTrainer(): BackgroundTrainer {
  const running = new Set<WorkerRequests<FaqTrainingEntry[], MatcherState>>();
  return {
    async train(entries) {
      const worker = new WorkerRequests<FaqTrainingEntry[], MatcherState>(startTsWorker(WORKER_ENTRY), 'matcher training');
      running.add(worker);
      const plain = entries.map(({ id, question, alternatives }) => ({ id, question, alternatives }));
      try {
        return matcherFromState(await worker.send(plain));
      } finally {
        running.delete(worker);
        worker.retire();
      }
    },
    async close() {
      const stopping = [...running];
      running.clear();
      await Promise.all(stopping.map((worker) => worker.terminate()));
    },
  };
}
