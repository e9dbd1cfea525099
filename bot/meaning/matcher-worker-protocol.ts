/** Requests from the hub to a meaning-matcher worker thread (matcher-worker.ts). */
import type { FaqTrainingEntry } from '../matcher/index.ts';

export type MeaningWorkerRequest =
  /**
   * Sent once, first: the FAQ entries and the vectors of the phrasings the encoder covers. With `modelFile`,
   * the model trained on exactly these is read from there if present, else trained and written there.
   */
  | { kind: 'train'; entries: FaqTrainingEntry[]; texts: string[]; vectors: Float32Array[]; modelFile?: string }
  | { kind: 'match'; text: string; vector: Float32Array; limit: number };
