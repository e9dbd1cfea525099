/**
 * A matcher that reads meaning as well as words: the knowledge-base matcher trained on the FAQ's phrasings
 * together with their sentence vectors (bot/matcher/train.ts fits how much each counts). Questions the
 * encoder does not cover (no vector) go to the lexical matcher the snapshot already has, which was trained
 * without vectors and so is not missing half of its input.
 * Synchronous once the question's vector is known, so the hub embeds the question first (async) and the
 * evaluation can precompute every vector.
 */
import { trainVectorMatcher, type MeaningVector, type TrainVectorMatcher } from '../matcher/train.ts';
import type { FaqTrainingEntry, Matcher, MatchCandidate } from '../matcher/types.ts';

export interface MeaningMatcher {
  readonly size: number;
  /** `vector` undefined (language not covered, encoder down): the lexical matcher's answer alone. */
  match(text: string, vector: MeaningVector, limit?: number): MatchCandidate[];
}

/** Phrasings of the entries in training order (question first), with their FAQ's index. */
export function phrasingsOf(entries: readonly FaqTrainingEntry[]): { text: string; label: number }[] {
  return entries.flatMap((entry, label) =>
    [entry.question, ...entry.alternatives].filter((text) => text.trim() !== '').map((text) => ({ text, label })),
  );
}

/**
 * @param lexical - the snapshot's matcher without vectors, for questions that have none
 * @param vectorOf - the sentence vector of a phrasing; undefined where the encoder does not cover it
 */
export function buildMeaningMatcher(
  lexical: Matcher,
  entries: readonly FaqTrainingEntry[],
  vectorOf: (text: string) => MeaningVector,
  train: TrainVectorMatcher = trainVectorMatcher,
): MeaningMatcher {
  const covered = phrasingsOf(entries).some(({ text }) => vectorOf(text) !== undefined);
  const withMeaning = covered ? train(entries, vectorOf) : undefined;
  return {
    size: entries.length,
    match(text, vector, limit = 3) {
      if (!withMeaning || !vector) return lexical.match(text, limit).candidates;
      return withMeaning.match(text, vector, limit).candidates;
    },
  };
}
