/**
 * Summary statistics for the dashboard's time figures.
 *
 * Exports:
 *   median(values) → number | null    the middle value; the mean of the two middle values for an even count
 *   percentile(values, p) → number | null   nearest rank: the value at rank ceil(p·n) of the sorted values
 *   spread(values) → { median, p90 }   both of the above, null when there are no values
 *
 * Nearest rank, not interpolation: "p90 = 300 s" then means at least 90% of the conversations took 300 s
 * or less, and the figure is always a time that really happened.
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 1)) throw new RangeError(`percentile must be in (0, 1], got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(p * sorted.length) - 1]!;
}

export function spread(values: readonly number[]): { median: number | null; p90: number | null } {
  return { median: median(values), p90: percentile(values, 0.9) };
}
