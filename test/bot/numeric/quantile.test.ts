import { describe, expect, it } from 'vitest';
import { quantile } from '../../../bot/numeric/quantile.ts';

describe('quantile', () => {
  it('takes the nearest-rank value, whatever the input order', () => {
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(quantile([5, 1, 3, 2, 4], 0.99)).toBe(5);
    const descending = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(quantile(descending, 0.99)).toBe(99);
    expect(quantile(descending, 0.5)).toBe(50);
  });

  it('gives the smallest value at 0 and 0 for no values', () => {
    expect(quantile([5, 1, 3], 0)).toBe(1);
    expect(quantile([], 0.5)).toBe(0);
  });
});
