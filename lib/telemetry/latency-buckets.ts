/**
 * Log-spaced latency buckets: bucket b holds latencies in [1.1^(b-1), 1.1^b) ms
 * (bucket 0 is under 1 ms). Each bucket is 10% wide, so a percentile read from
 * summed histograms is within 10% of the exact one, whatever the range, from
 * a few hundred rows instead of a sort of every call.
 */
const GROWTH = 1.1;
const MAX_BUCKET = 200; // 1.1^200 ms is about 6 years: nothing is slower.

export function latencyBucket(ms: number): number {
  if (!(ms >= 1)) return 0;
  return Math.min(MAX_BUCKET, Math.floor(Math.log(ms) / Math.log(GROWTH)) + 1);
}

/** The upper bound of a bucket in ms: what a percentile in it is reported as (never flattering). */
export function bucketUpperMs(bucket: number): number {
  return bucket <= 0 ? 1 : Math.round(GROWTH ** bucket);
}

/**
 * The p-th percentile (0 < p ≤ 100) of a histogram given as bucket → count, or
 * null when it is empty. Nearest-rank: the smallest bucket holding at least p%
 * of the calls.
 */
export function percentileFromHistogram(histogram: ReadonlyMap<number, number>, p: number): number | null {
  let total = 0;
  for (const count of histogram.values()) total += count;
  if (total === 0) return null;
  const rank = Math.ceil((p / 100) * total);
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket) ?? 0;
    if (seen >= rank) return bucketUpperMs(bucket);
  }
  return null;
}
