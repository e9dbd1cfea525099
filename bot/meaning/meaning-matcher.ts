/**
 * A matcher that reads meaning as well as words: the knowledge-base matcher trained on the FAQ's phrasings
 * together with their sentence vectors (bot/matcher/train.ts fits how much each counts). It is trained and
 * queried in a worker thread (matcher-worker.ts): training takes seconds to a minute of CPU, and on the
 * main thread it stalled the whole hub meanwhile (the sample FAQ: 4 s with no webhook or job served).
 * Questions the encoder does not cover (no vector) go to the lexical matcher the snapshot already has,
 * which was trained without vectors and so is not missing half of its input.
 */
import { startTsWorker } from '../../core/runtime/ts-worker.ts';
import { WorkerRequests } from '../../core/runtime/worker-requests.ts';
import { existsSync } from 'node:fs';
import { questionFeatures, type MeaningVector, type FaqTrainingEntry, type Matcher, type MatchCandidate } from '../matcher/index.ts';
import { packFeatures, trainingFeaturesInTurns, transferablesOf } from '../training/packed-features.ts';
import type { MeaningWorkerRequest } from './matcher-worker-protocol.ts';

export interface MeaningMatcher {
  readonly size: number;
  /** False once its worker has stopped (closed, or crashed): it then answers nothing. */
  readonly alive: boolean;
  /** `vector` undefined (language not covered, encoder down): the lexical matcher's answer alone. */
  match(text: string, vector: MeaningVector, limit?: number): Promise<MatchCandidate[]>;
  /** Stops the worker once the questions it is answering are answered. */
  retire(): void;
}

/** Phrasings of the entries in training order (question first), with their FAQ's index. */
export function phrasingsOf(entries: readonly FaqTrainingEntry[]): { text: string; label: number }[] {
  return entries.flatMap((entry, label) =>
    [entry.question, ...entry.alternatives].filter((text) => text.trim() !== '').map((text) => ({ text, label })),
  );
}

const WORKER_ENTRY = new URL('./matcher-worker.ts', import.meta.url);

/**
 * Trains the meaning matcher in a new worker thread; resolves once it is ready to answer.
 * @param lexical - the snapshot's matcher without vectors, for questions that have none
 * @param vectorOf - the sentence vector of a phrasing; undefined where the encoder does not cover it
 * @param signal - aborting it stops the training (the promise then rejects)
 * @param modelFile - where the model trained on exactly these entries and vectors is kept (read if present)
 */
export async function startMeaningMatcher(
  lexical: Matcher,
  entries: readonly FaqTrainingEntry[],
  vectorOf: (text: string) => MeaningVector,
  signal?: AbortSignal,
  modelFile?: string,
): Promise<MeaningMatcher> {
  const texts = [...new Set(phrasingsOf(entries).map(({ text }) => text))].filter((text) => vectorOf(text) !== undefined);
  const lexicalMatch = async (text: string, limit: number) => lexical.match(text, limit).candidates;
  if (texts.length === 0) {
    return { size: entries.length, alive: true, match: (text, _vector, limit = 3) => lexicalMatch(text, limit), retire() {} };
  }
  // Tokenized here, where the dictionaries are loaded, so the worker never loads its own (bot/training/).
  const features = modelFile && existsSync(modelFile) ? undefined : packFeatures(await trainingFeaturesInTurns(entries));
  const worker = new WorkerRequests<MeaningWorkerRequest, MatchCandidate[]>(startTsWorker(WORKER_ENTRY), 'meaning matcher');
  const plain = entries.map(({ id, question, alternatives }) => ({ id, question, alternatives }));
  const abort = () => void worker.terminate();
  signal?.addEventListener('abort', abort);
  try {
    signal?.throwIfAborted();
    const request: MeaningWorkerRequest = { kind: 'train', entries: plain, texts, vectors: texts.map((text) => vectorOf(text)!), ...(modelFile ? { modelFile } : {}), ...(features ? { features } : {}) };
    await worker.send(request, features && transferablesOf(features));
  } catch (error) {
    await worker.terminate();
    throw error;
  } finally {
    signal?.removeEventListener('abort', abort);
  }
  return {
    size: entries.length,
    get alive() {
      return worker.alive;
    },
    match: (text, vector, limit = 3) => (vector ? worker.send({ kind: 'match', features: questionFeatures(text), vector, limit }) : lexicalMatch(text, limit)),
    retire: () => worker.retire(),
  };
}
