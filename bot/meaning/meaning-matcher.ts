/**
 * A matcher with a meaning vote: trained from the FAQ entries and the sentence vectors of their phrasings,
 * it asks the lexical matcher for its best candidates and reorders them with the meaning ranker.
 * Synchronous once the question's vector is known, so the hub embeds the question first (async) and the
 * evaluation can precompute every vector.
 */
import type { FaqTrainingEntry, Matcher, MatchCandidate } from '../matcher/types.ts';
import { combineWithMeaning, DEFAULT_MEANING_WEIGHT } from './combine-meaning.ts';
import { trainMeaningRanker, type MeaningRanker } from './meaning-ranker.ts';

/** Lexical candidates the meaning vote may reorder: enough that a paraphrase ranked low can come up. */
export const MEANING_POOL = 20;

export interface MeaningMatcher {
  readonly size: number;
  /** `vector` undefined (language not covered, encoder down): the lexical matcher's answer alone. */
  match(text: string, vector: Float32Array | undefined, limit?: number): MatchCandidate[];
}

/** Phrasings of the entries in training order (question first), with their FAQ's index. */
export function phrasingsOf(entries: readonly FaqTrainingEntry[]): { text: string; label: number }[] {
  return entries.flatMap((entry, label) =>
    [entry.question, ...entry.alternatives].filter((text) => text.trim() !== '').map((text) => ({ text, label })),
  );
}

/**
 * @param vectorOf - the sentence vector of a phrasing; phrasings without one (not covered) are skipped
 */
export function buildMeaningMatcher(
  lexical: Matcher,
  entries: readonly FaqTrainingEntry[],
  vectorOf: (text: string) => Float32Array | undefined,
  weight: number = DEFAULT_MEANING_WEIGHT,
): MeaningMatcher {
  const vectors: Float32Array[] = [];
  const labels: number[] = [];
  for (const { text, label } of phrasingsOf(entries)) {
    const vector = vectorOf(text);
    if (vector) {
      vectors.push(vector);
      labels.push(label);
    }
  }
  const ranker: MeaningRanker | undefined = vectors.length > 0 ? trainMeaningRanker(vectors, labels, entries.length) : undefined;
  const indexOf = new Map(entries.map((entry, i) => [entry.id, i]));
  const probabilities = new Float64Array(entries.length);
  return {
    size: entries.length,
    match(text, vector, limit = 3) {
      if (!ranker || !vector) return lexical.match(text, limit).candidates;
      ranker.probabilities(vector, probabilities);
      const pool = lexical.match(text, Math.max(limit, MEANING_POOL)).candidates;
      const meaning = (faqId: string) => {
        const index = indexOf.get(faqId);
        return index === undefined ? undefined : probabilities[index];
      };
      return combineWithMeaning(pool, meaning, weight).slice(0, limit);
    },
  };
}
