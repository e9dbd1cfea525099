/** Formats evaluation figures for the CLI. */
import type { EvaluationRun } from './evaluate.ts';
import { quantile } from '../../bot/numeric/quantile.ts';
import { accuracy, coverageAtPrecision, macroF1, precisionAtCoverage, type Prediction } from './metrics.ts';
import { confidenceTier } from '../../core/routing/confidence.ts';
import { DEFAULT_THRESHOLDS } from '../../core/routing/policy.ts';

const percent = (value: number): string => `${(value * 100).toFixed(2)}%`;

/** How the product's default thresholds (bot/compose-reply.ts) treat these predictions. */
function tiers(predictions: readonly Prediction[]) {
  const answered: Prediction[] = [];
  let clarified = 0;
  let rightOffered = 0;
  for (const prediction of predictions) {
    const tier = confidenceTier(prediction.candidates ?? [], DEFAULT_THRESHOLDS);
    if (tier.kind === 'answer') answered.push(prediction);
    if (tier.kind !== 'clarify') continue;
    clarified++;
    if (tier.offered.some((candidate) => candidate.faqId === prediction.label)) rightOffered++;
  }
  const share = (count: number) => count / Math.max(1, predictions.length);
  return { answered: share(answered.length), precision: accuracy(answered), clarified: share(clarified), rightOffered: rightOffered / Math.max(1, clarified) };
}

/** The bot's three replies at the product's thresholds: how often each, and how often right. */
function productLines(run: EvaluationRun): string[] {
  const { answerThreshold, suggestThreshold, closeRunnerUp } = DEFAULT_THRESHOLDS;
  const known = tiers(run.predictions);
  const lines = [
    `product thresholds (answer ≥ ${answerThreshold} unless the runner-up reaches ${closeRunnerUp}× the best, "did you mean" ≥ ${suggestThreshold}): ` +
      `answered ${percent(known.answered)} (precision ${percent(known.precision)}), "did you mean" ${percent(known.clarified)} ` +
      `(right FAQ offered ${percent(known.rightOffered)}), handed over ${percent(1 - known.answered - known.clarified)}`,
  ];
  if (!run.unseen) return lines;
  const offTopic = tiers(run.unseen);
  return [
    ...lines,
    `off-topic questions (unseen labels, ${run.unseen.length}): answered ${percent(offTopic.answered)}, "did you mean" ${percent(offTopic.clarified)}`,
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
    ...productLines(run),
  ].join('\n');
}
