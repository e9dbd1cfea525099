import { describe, expect, it } from 'vitest';
import { binaryMetrics, stratifiedFolds } from '../../../eval/complaints/metrics.ts';

describe('binaryMetrics', () => {
  it('computes complaint-class precision, recall and F1', () => {
    // tp=2, fp=1, fn=1, tn=1
    const m = binaryMetrics([true, true, true, false, false], [true, true, false, true, false]);
    expect(m.accuracy).toBeCloseTo(3 / 5);
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo(2 / 3);
  });
});

describe('stratifiedFolds', () => {
  it('spreads each class evenly over the folds', () => {
    const labels = [...Array(10).fill(true), ...Array(5).fill(false)] as boolean[];
    const folds = stratifiedFolds(labels, 5);
    for (let f = 0; f < 5; f++) {
      expect(folds.filter((x, i) => x === f && labels[i]).length).toBe(2);
      expect(folds.filter((x, i) => x === f && !labels[i]).length).toBe(1);
    }
  });
});
