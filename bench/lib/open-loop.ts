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
export async function openLoop({
  ratePerSecond,
  count,
  send,
  maxInFlight = 2_000,
}: {
  ratePerSecond: number;
  count: number;
  send: (index: number) => Promise<StreamTiming>;
  /** A server this far behind is overloaded; past it, due requests are counted as failed instead of sent (bounds the run's sockets and memory). */
  maxInFlight?: number;
}): Promise<OpenLoopResult> {
  const intervalMs = 1000 / ratePerSecond;
  const start = performance.now() + 5;
  const inFlight: Array<Promise<OpenLoopSample>> = [];
  const lags: number[] = [];
  let pending = 0;
  for (let index = 0; index < count; index++) {
    const due = start + index * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    lags.push(Math.max(0, performance.now() - due));
    if (pending >= maxInFlight) {
      inFlight.push(Promise.resolve({ ttftMs: null, totalMs: Number.NaN, error: `not sent: ${maxInFlight} requests already waiting` }));
      continue;
    }
    pending++;
    inFlight.push(
      send(index).then((timing) => {
        pending--;
        return { ttftMs: timing.firstContentAt === null ? null : timing.firstContentAt - due, totalMs: timing.endAt - due, error: timing.error };
      }),
    );
  }
  const samples = await Promise.all(inFlight);
  lags.sort((a, b) => a - b);
  return { samples, elapsedMs: performance.now() - start, sendLagP99Ms: lags[Math.floor(lags.length * 0.99)] ?? 0 };
}
