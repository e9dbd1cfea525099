import { describe, expect, it } from 'vitest';
import type { EvaluationRun } from '../../../eval/matcher/evaluate.ts';
import { formatReport } from '../../../eval/matcher/report.ts';
import type { Prediction } from '../../../eval/matcher/metrics.ts';

/** A prediction whose matcher ranked `ranked` (FAQ id, confidence), best first. */
const prediction = (label: string, ...ranked: Array<[string, number]>): Prediction => ({
  label,
  predicted: ranked[0]?.[0] ?? '',
  confidence: ranked[0]?.[1] ?? 0,
  candidates: ranked.map(([faqId, confidence]) => ({ faqId, confidence })),
});

describe('the report at the product thresholds', () => {
  it('counts answers, "did you mean" (with the right FAQ offered or not) and handoffs as the bot decides them', () => {
    const run: EvaluationRun = {
      trainingMs: [1],
      latencyMs: [0.1],
      predictions: [
        prediction('a', ['a', 0.9], ['b', 0.05]), // answered, right
        prediction('b', ['a', 0.8], ['b', 0.1]), // answered, wrong
        prediction('b', ['a', 0.6], ['b', 0.3]), // close runner-up: "did you mean", b offered
        prediction('c', ['a', 0.3], ['b', 0.2]), // "did you mean", c not offered
        prediction('a', ['a', 0.1]), // handed over
      ],
      unseen: [prediction('x', ['a', 0.7]), prediction('y', ['b', 0.25]), prediction('z', ['a', 0.05])],
    };
    const report = formatReport(run);
    expect(report).toContain('answered 40.00% (precision 50.00%), "did you mean" 40.00% (right FAQ offered 50.00%), handed over 20.00%');
    expect(report).toContain('off-topic questions (unseen labels, 3): answered 33.33%, "did you mean" 33.33%');
  });
});
