/** The value at quantile q (0..1) of a list of numbers, nearest-rank; 0 for an empty list. Latency figures in evaluation and benchmarks. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
