/** Messages between the hub and a meaning-matcher worker thread (matcher-worker.ts). */
import type { FaqTrainingEntry, MatchCandidate } from '../matcher/types.ts';

/** What a worker trains on: the FAQ entries and the vectors of the phrasings the encoder covers. */
export interface MatcherWorkerData {
  entries: FaqTrainingEntry[];
  texts: string[];
  /** `vectors[i]` is the sentence vector of `texts[i]`. */
  vectors: Float32Array[];
}

export interface WorkerRequest {
  id: number;
  text: string;
  vector: Float32Array;
  limit: number;
}

export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'match'; id: number; candidates: MatchCandidate[] }
  | { kind: 'match'; id: number; error: string };
