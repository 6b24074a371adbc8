/** Order statistics for benchmark samples. Percentiles use the nearest-rank method: a reported p99 is a latency somebody really saw. */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export type Percentiles = { p50: number; p95: number; p99: number; n: number };

export function percentiles(values: readonly number[]): Percentiles {
  return { p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), n: values.length };
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
