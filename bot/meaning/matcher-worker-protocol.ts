/** Requests from the hub to a meaning-matcher worker thread (matcher-worker.ts). */
import type { FaqTrainingEntry, TextFeatures } from '../matcher/index.ts';
import type { PackedFeatures } from '../training/packed-features.ts';

export type MeaningWorkerRequest =
  /**
   * Sent once, first: the FAQ entries and the vectors of the phrasings the encoder covers. With `modelFile`,
   * the model trained on exactly these is read from there if present, else trained and written there.
   * `features`: the entries' training features, absent when the sender expects the model file to be read
   * (the worker extracts them itself if it cannot be).
   */
  | { kind: 'train'; entries: FaqTrainingEntry[]; texts: string[]; vectors: Float32Array[]; modelFile?: string; features?: PackedFeatures }
  /** The question as its extracted features (questionFeatures), so the worker never tokenizes. */
  | { kind: 'match'; features: TextFeatures; vector: Float32Array; limit: number };
