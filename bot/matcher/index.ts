/**
 * Public entry of the knowledge-base matcher: the trainer with measured defaults and the contract types.
 * Everything else in this folder is an implementation detail.
 */
export { trainMatcher, createTrainMatcher, defaultMatcherOptions, type MatcherOptions } from './train.ts';
export type { FaqTrainingEntry, Matcher, MatchCandidate, MatchResult, TrainMatcher } from './types.ts';
