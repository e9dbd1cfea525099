/**
 * Turns a match into what the bot does: answer, ask "did you mean…", or abstain (hand over or say it does
 * not know). Thresholds are per tenant, because the cost of a wrong answer differs between businesses.
 */
import type { MatchResult } from './types.ts';

export interface DecisionThresholds {
  /** Answer directly when the best FAQ's confidence is at least this. */
  answerThreshold: number;
  /** Offer "did you mean" for candidates at least this confident (and below `answerThreshold`). */
  suggestThreshold: number;
}

export type MatchDecision =
  | { kind: 'answer'; faqId: string; confidence: number }
  | { kind: 'clarify'; faqIds: string[] }
  | { kind: 'abstain'; suggestions: string[] };

/**
 * Decides from a match result. "clarify" lists every candidate above `suggestThreshold`; "abstain" still
 * carries the runner-ups, best first, so a human agent or a "related questions" list can use them.
 */
export function decide(result: MatchResult, thresholds: DecisionThresholds): MatchDecision {
  if (thresholds.suggestThreshold > thresholds.answerThreshold) {
    throw new RangeError('suggestThreshold must not exceed answerThreshold');
  }
  const [best] = result.candidates;
  if (best && best.confidence >= thresholds.answerThreshold) {
    return { kind: 'answer', faqId: best.faqId, confidence: best.confidence };
  }
  const plausible = result.candidates.filter((candidate) => candidate.confidence >= thresholds.suggestThreshold);
  if (plausible.length > 0) return { kind: 'clarify', faqIds: plausible.map((candidate) => candidate.faqId) };
  return { kind: 'abstain', suggestions: result.candidates.map((candidate) => candidate.faqId) };
}
