/** A request to the trainer's worker thread (trainer-worker.ts). */
import type { FaqTrainingEntry } from '../matcher/index.ts';
import type { PackedFeatures } from './packed-features.ts';

export interface TrainingRequest {
  entries: FaqTrainingEntry[];
  /** The entries' training features, extracted by the sender. */
  features: PackedFeatures;
}
