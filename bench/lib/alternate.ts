/**
 * Runs two (or more) sides of a comparison in alternating rounds — A, B, A, B —
 * so a slow minute on a shared machine lands on both sides instead of faking a
 * difference between them.
 */
export async function alternate<Side extends string, Result>({
  sides,
  rounds,
  run,
  pauseMs = 0,
}: {
  sides: readonly Side[];
  rounds: number;
  run: (side: Side, round: number) => Promise<Result>;
  /** Quiet time between rounds (lets queues and GC settle). */
  pauseMs?: number;
}): Promise<Record<Side, Result[]>> {
  const results = Object.fromEntries(sides.map((side) => [side, [] as Result[]])) as Record<Side, Result[]>;
  for (let round = 0; round < rounds; round++) {
    // Swap the order every round, so neither side always runs right after the other.
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      results[side].push(await run(side, round));
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
  return results;
}
