import { describe, expect, it } from 'vitest';
import { accuracy, coverageAtPrecision, macroF1, precisionAtCoverage } from '../../../eval/matcher/metrics.ts';

// Ten predictions, most confident first; the 3rd and the 9th are wrong.
const predictions = [0.99, 0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3].map((confidence, i) => ({
  label: i % 2 === 0 ? 'a' : 'b',
  predicted: i === 2 || i === 8 ? 'c' : i % 2 === 0 ? 'a' : 'b',
  confidence,
}));

describe('metrics', () => {
  it('computes accuracy and macro-F1', () => {
    expect(accuracy(predictions)).toBeCloseTo(0.8);
    // a: tp 3, predicted 3, actual 5 → F1 0.75; b: F1 1; c: F1 0.
    expect(macroF1(predictions)).toBeCloseTo((0.75 + 1 + 0) / 3);
  });

  it('computes precision among the most confident share', () => {
    expect(precisionAtCoverage(predictions, 0.2)).toBe(1);
    expect(precisionAtCoverage(predictions, 0.5)).toBeCloseTo(0.8);
  });

  it('finds the largest coverage at a precision', () => {
    expect(coverageAtPrecision(predictions, 0.98)).toBeCloseTo(0.2);
    // Top 8 hold one error (7/8 = 0.875 ≥ 0.85); top 9 hold two (7/9 < 0.85).
    expect(coverageAtPrecision(predictions, 0.85)).toBeCloseTo(0.8);
  });
});
