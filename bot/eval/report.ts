/** Formats evaluation figures for the CLI. */
import type { EvaluationRun } from './evaluate.ts';
import { accuracy, coverageAtPrecision, macroF1, precisionAtCoverage, quantile } from './metrics.ts';

const percent = (value: number): string => `${(value * 100).toFixed(2)}%`;

/** The product's thresholds: answer at 0.5, offer "did you mean" at 0.2, hand over below. */
const ANSWER = 0.5;
const SUGGEST = 0.2;

/** Share of `confidences` at or above `threshold`. */
function shareAtLeast(confidences: readonly number[], threshold: number): number {
  return confidences.filter((c) => c >= threshold).length / Math.max(1, confidences.length);
}

/** With left-out labels: how the product's thresholds treat known and off-topic questions. */
function abstentionLines(run: EvaluationRun): string[] {
  if (!run.unseen) return [];
  const answered = run.predictions.filter((p) => p.confidence >= ANSWER);
  const confidences = run.predictions.map((p) => p.confidence);
  return [
    `known questions answered at ≥ ${ANSWER}: ${percent(shareAtLeast(confidences, ANSWER))} (precision ${percent(accuracy(answered))})`,
    `off-topic questions (unseen labels, ${run.unseen.length}): answered ${percent(shareAtLeast(run.unseen, ANSWER))}, suggested or answered ${percent(shareAtLeast(run.unseen, SUGGEST))}`,
  ];
}

/** The report, one figure a line; accuracy first so scripts can read the first line. */
export function formatReport(run: EvaluationRun): string {
  const { predictions } = run;
  const trainingMs = run.trainingMs.reduce((a, b) => a + b, 0) / Math.max(1, run.trainingMs.length);
  return [
    `accuracy: ${percent(accuracy(predictions))}`,
    `macro-F1: ${percent(macroF1(predictions))}`,
    `precision at 70% coverage: ${percent(precisionAtCoverage(predictions, 0.7))}`,
    `precision at 80% coverage: ${percent(precisionAtCoverage(predictions, 0.8))}`,
    `precision at 90% coverage: ${percent(precisionAtCoverage(predictions, 0.9))}`,
    `coverage at 98% precision: ${percent(coverageAtPrecision(predictions, 0.98))}`,
    `training time: ${trainingMs.toFixed(0)} ms per model (${run.trainingMs.length} models)`,
    `prediction latency: p50 ${quantile(run.latencyMs, 0.5).toFixed(3)} ms, p99 ${quantile(run.latencyMs, 0.99).toFixed(3)} ms`,
    `examples predicted: ${predictions.length}`,
    ...abstentionLines(run),
  ].join('\n');
}
