import { describe, expect, it } from 'vitest';
import { crossValidate, sampleFewShot, toFaqEntries } from '../../../eval/matcher/evaluate.ts';
import { formatReport } from '../../../eval/matcher/report.ts';
import { syntheticFaq } from '../../../eval/matcher/speed.ts';
import { trainMatcher } from '../../../bot/matcher/index.ts';

const data = [
  { text: 'where is my parcel', label: 'track' },
  { text: 'track my package', label: 'track' },
  { text: 'parcel tracking please', label: 'track' },
  { text: 'package tracking number', label: 'track' },
  { text: 'I want a refund', label: 'refund' },
  { text: 'refund my money', label: 'refund' },
  { text: 'money back please', label: 'refund' },
  { text: 'refund not received', label: 'refund' },
];

describe('evaluation', () => {
  it('groups sentences into one FAQ entry per label', () => {
    const entries = toFaqEntries(data);
    expect(entries.map((e) => e.id)).toEqual(['track', 'refund']);
    expect(entries[0]).toMatchObject({ question: 'where is my parcel', alternatives: data.slice(1, 4).map((d) => d.text) });
  });

  it('samples at most N sentences per label, reproducibly', () => {
    const sample = sampleFewShot(data, 2, 7);
    expect(sample.filter((d) => d.label === 'track')).toHaveLength(2);
    expect(sample.filter((d) => d.label === 'refund')).toHaveLength(2);
    expect(sampleFewShot(data, 2, 7)).toEqual(sample);
  });

  it('cross-validates: every sentence predicted once, one model per fold', () => {
    const run = crossValidate(trainMatcher, data, { folds: 4, seed: 1 });
    expect(run.predictions).toHaveLength(data.length);
    expect(run.trainingMs).toHaveLength(4);
    expect(formatReport(run).split('\n')[0]).toMatch(/^accuracy: \d+\.\d\d%$/);
    expect(run.predictions.filter((p) => p.label === p.predicted).length).toBeGreaterThanOrEqual(6);
  });

  it('leaves a share of the labels out to measure abstention', () => {
    const run = crossValidate(trainMatcher, data, { folds: 4, seed: 1, unseenShare: 0.5 });
    const predictedLabels = new Set(run.predictions.map((p) => p.label));
    expect(predictedLabels.size).toBeGreaterThanOrEqual(1);
    expect(run.predictions.length + run.unseen!.length).toBe(data.length);
    // Each fold hides one of the two labels: its sentences are reported as unseen, never as predictions.
    expect(run.unseen!.length).toBeGreaterThan(0);
    for (const p of run.predictions) expect(p.predicted).toBe(p.label);
    expect(formatReport(run)).toMatch(/off-topic questions \(unseen labels, \d+\): answered \d+\.\d\d%, "did you mean" \d+\.\d\d%/);
    expect(formatReport(crossValidate(trainMatcher, data, { folds: 4, seed: 1 }))).not.toMatch(/off-topic/);
  });

  it('generates the synthetic speed-benchmark FAQ with the requested shape', () => {
    const { entries, tests } = syntheticFaq(20, 10, 30, 1);
    expect(entries).toHaveLength(20);
    expect(entries.every((e) => e.alternatives.length === 9)).toBe(true);
    expect(tests).toHaveLength(30);
    const matcher = trainMatcher(entries);
    const correct = tests.filter((t) => matcher.match(t.text).candidates[0]?.faqId === t.id).length;
    expect(correct / tests.length).toBeGreaterThan(0.9);
  });
});
