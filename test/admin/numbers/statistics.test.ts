import { describe, expect, it } from 'vitest';
import { median, percentile, spread } from '../../../admin/numbers/statistics.ts';

describe('median and nearest-rank percentile', () => {
  it('median of odd and even counts, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('p90 is the value at rank ceil(0.9·n)', () => {
    // n = 10: rank 9; n = 11: rank ceil(9.9) = 10; n = 1: rank 1.
    expect(percentile([10, 9, 8, 7, 6, 5, 4, 3, 2, 1], 0.9)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
    expect(percentile([42], 0.9)).toBe(42);
  });
  it('nothing to summarize is null, not zero', () => {
    expect(spread([])).toEqual({ median: null, p90: null });
  });
  it('refuses a percentile outside (0, 1]', () => {
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 90)).toThrow(RangeError);
  });
});
