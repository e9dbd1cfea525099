import type { AnswerThresholds } from './policy.ts';

/** Which of the three replies ranked candidates call for, and the candidates a "did you mean" offers. */
export type ConfidenceTier<C> = { kind: 'answer'; best: C } | { kind: 'clarify'; offered: C[] } | { kind: 'escalate' };

/** Answer, "did you mean", or a human, from the matcher's candidates (best first) alone. */
export function confidenceTier<C extends { confidence: number }>(candidates: readonly C[], thresholds: AnswerThresholds): ConfidenceTier<C> {
  const [top, runnerUp] = candidates;
  if (!top || top.confidence < thresholds.suggestThreshold) return { kind: 'escalate' };
  const close = thresholds.closeRunnerUp > 0 && runnerUp !== undefined && runnerUp.confidence >= thresholds.closeRunnerUp * top.confidence;
  if (top.confidence >= thresholds.answerThreshold && !close) return { kind: 'answer', best: top };
  // Every candidate (the matcher is asked for three): offering only those above half the suggest threshold
  // held the right FAQ 85.8% of the time on HWU64, all three 95.5% (eval/README.md).
  return { kind: 'clarify', offered: [...candidates] };
}
