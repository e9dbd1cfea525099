/**
 * Public entry of the knowledge-base matcher: the trainers with measured defaults, the trained matcher as
 * plain data (so it can cross a worker thread or be kept on disk) and the contract types. Everything else in
 * this folder is an implementation detail: `meaning/`, `training/` and the evaluation tools import from here
 * only (test/architecture/layers.test.ts holds them to it).
 */
export {
  trainMatcher,
  createTrainMatcher,
  defaultMatcherOptions,
  type MatcherOptions,
  // Matchers that also read a question's sentence vector (bot/meaning/).
  trainVectorMatcher,
  createTrainVectorMatcher,
  type TrainVectorMatcher,
  type VectorMatcher,
  type MeaningVector,
  // Trained models as plain data: trained in a worker thread, cached per knowledge-base version.
  trainMatcherState,
  matcherFromState,
  type MatcherState,
  trainVectorMatcherState,
  vectorMatcherFromState,
  type VectorMatcherState,
  // Features extracted where the tokenizer's dictionaries are loaded, for a thread that has none.
  trainingFeatures,
  questionFeatures,
} from './train.ts';
export type { TextFeatures } from './features.ts';
export type { FaqTrainingEntry, Matcher, MatchCandidate, MatchResult, TrainMatcher } from './types.ts';
