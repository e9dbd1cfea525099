/**
 * The knowledge-base matcher contract. The dialog engine depends only on this file, so the matcher can be
 * replaced or improved (issue #8) without touching the pipeline.
 */

/** One FAQ entry as the matcher needs it: its id and every phrasing an admin wrote for it. */
export interface FaqTrainingEntry {
  id: string;
  question: string;
  alternatives: string[];
  /** Used to build the answer; not a training feature. */
  answer?: string;
  category?: string;
  locale?: string;
}

export interface MatchCandidate {
  faqId: string;
  /** Calibrated probability that this FAQ is the right answer, 0..1. */
  confidence: number;
}

export interface MatchResult {
  /** Best first; at most `limit` entries (default 3). Empty when the knowledge base is empty. */
  candidates: MatchCandidate[];
}

/** A trained model: pure, synchronous, cheap to call (goal: p99 < 1 ms). */
export interface Matcher {
  match(text: string, limit?: number): MatchResult;
  /** The FAQ ids the model knows, for staleness checks. */
  readonly size: number;
}

/** Builds a Matcher from FAQ entries (goal: < 2 s for 1,000 entries × 10 phrasings). */
export type TrainMatcher = (entries: readonly FaqTrainingEntry[]) => Matcher;
