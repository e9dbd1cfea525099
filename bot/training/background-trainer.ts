/**
 * Trains the knowledge-base matcher in a worker thread. Training takes about a second for the sample FAQ
 * and up to two for 1,000 FAQs × 10 phrasings; on the main thread that time passed with no webhook
 * acknowledged and no job served. The worker posts the trained model back as plain data, and the matcher
 * rebuilt from it answers on the main thread, synchronously, exactly as one trained there.
 */
import { startTsWorker } from '../../core/runtime/ts-worker.ts';
import { WorkerRequests } from '../../core/runtime/worker-requests.ts';
import { matcherFromState, type MatcherState, type FaqTrainingEntry, type Matcher } from '../matcher/index.ts';
import { packFeatures, trainingFeaturesInTurns, transferablesOf } from './packed-features.ts';
import type { TrainingRequest } from './trainer-worker-protocol.ts';

export interface BackgroundTrainer {
  train(entries: readonly FaqTrainingEntry[]): Promise<Matcher>;
  /** Stops the worker; trainings in progress fail. */
  close(): Promise<void>;
}

const WORKER_ENTRY = new URL('./trainer-worker.ts', import.meta.url);

/**
 * Each training gets its own worker thread, stopped once it has answered: a thread keeps its own loader
 * and heap, and trainings are rare (start-up, an FAQ edit), so starting one again is cheaper than keeping
 * one for the process's life. The phrasings are tokenized here, where the dictionaries are loaded anyway
 * (questions are tokenized on this thread): a second copy in the worker cost about 70 MB of RSS.
 */
export function createBackgroundTrainer(): BackgroundTrainer {
  const running = new Set<WorkerRequests<TrainingRequest, MatcherState>>();
  return {
    async train(entries) {
      const features = packFeatures(await trainingFeaturesInTurns(entries));
      const worker = new WorkerRequests<TrainingRequest, MatcherState>(startTsWorker(WORKER_ENTRY), 'matcher training');
      running.add(worker);
      const plain = entries.map(({ id, question, alternatives }) => ({ id, question, alternatives }));
      try {
        return matcherFromState(await worker.send({ entries: plain, features }, transferablesOf(features)));
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
