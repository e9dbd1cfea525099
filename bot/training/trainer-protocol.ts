/** Messages between the hub and its background trainer's worker thread (trainer-worker.ts). */
import type { MatcherState } from '../matcher/train.ts';
import type { FaqTrainingEntry } from '../matcher/types.ts';

export interface TrainerRequest {
  id: number;
  entries: FaqTrainingEntry[];
}

export type TrainerReply = { id: number; state: MatcherState } | { id: number; error: string };
