import type { StreamTiming } from "./stream-request";

/** One request's latencies measured from when it was due, not when it was sent (no coordinated omission). */
export type OpenLoopSample = { ttftMs: number | null; totalMs: number; error: string | null };

export type OpenLoopResult = {
  samples: OpenLoopSample[];
  /** Wall time from the first due request to the last answer. */
  elapsedMs: number;
  /** How late the generator itself fired requests (its own CPU starvation), p99 in ms. */
  sendLagP99Ms: number;
};

/**
 * An open-loop load at a fixed offered rate: request i is due at start + i/rate
 * whether or not earlier ones have been answered, so a server that falls behind
 * shows it as growing latency instead of quietly lowering the rate (as a fixed
 * pool of connections would). Latency is counted from the due time.
 */
export async function openLoop({ ratePerSecond, count, send }: { ratePerSecond: number; count: number; send: (index: number) => Promise<StreamTiming> }): Promise<OpenLoopResult> {
  const intervalMs = 1000 / ratePerSecond;
  const start = performance.now() + 5;
  const inFlight: Array<Promise<OpenLoopSample>> = [];
  const lags: number[] = [];
  for (let index = 0; index < count; index++) {
    const due = start + index * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    lags.push(Math.max(0, performance.now() - due));
    inFlight.push(
      send(index).then((timing) => ({
        ttftMs: timing.firstContentAt === null ? null : timing.firstContentAt - due,
        totalMs: timing.endAt - due,
        error: timing.error,
      })),
    );
  }
  const samples = await Promise.all(inFlight);
  lags.sort((a, b) => a - b);
  return { samples, elapsedMs: performance.now() - start, sendLagP99Ms: lags[Math.floor(lags.length * 0.99)] ?? 0 };
}
