/**
 * Quality figures of a matcher on a labelled test set: accuracy, macro-F1, and the precision/coverage
 * trade-off that sets the answer threshold (answer only the most confident share, how often is it right).
 */
import type { MatchCandidate } from '../../bot/matcher/index.ts';

/** One prediction: the true label, the predicted label and its confidence. */
export interface Prediction {
  label: string;
  predicted: string;
  confidence: number;
  /** The matcher's best candidates, best first, for measuring the product's answer / "did you mean" / handoff. */
  candidates?: readonly MatchCandidate[];
}

export function accuracy(predictions: readonly Prediction[]): number {
  if (predictions.length === 0) return 0;
  return predictions.filter((p) => p.label === p.predicted).length / predictions.length;
}

/** Unweighted mean of per-label F1 over every label that occurs as truth or prediction. */
export function macroF1(predictions: readonly Prediction[]): number {
  const labels = new Set(predictions.flatMap((p) => [p.label, p.predicted]));
  let sum = 0;
  for (const label of labels) {
    const tp = predictions.filter((p) => p.predicted === label && p.label === label).length;
    const predicted = predictions.filter((p) => p.predicted === label).length;
    const actual = predictions.filter((p) => p.label === label).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = actual ? tp / actual : 0;
    sum += precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  }
  return labels.size ? sum / labels.size : 0;
}

function byConfidence(predictions: readonly Prediction[]): Prediction[] {
  return [...predictions].sort((a, b) => b.confidence - a.confidence);
}

/** Precision of the `coverage` share (0..1) of predictions with the highest confidence. */
export function precisionAtCoverage(predictions: readonly Prediction[], coverage: number): number {
  const kept = byConfidence(predictions).slice(0, Math.max(1, Math.round(predictions.length * coverage)));
  return accuracy(kept);
}

/** Largest share of predictions that can be answered with at least `precision` correct (0 if none). */
export function coverageAtPrecision(predictions: readonly Prediction[], precision: number): number {
  const sorted = byConfidence(predictions);
  let correct = 0;
  let best = 0;
  sorted.forEach((p, i) => {
    if (p.label === p.predicted) correct++;
    if (correct / (i + 1) >= precision) best = (i + 1) / sorted.length;
  });
  return best;
}
