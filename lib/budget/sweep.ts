import "server-only";
import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { budgetCounters, budgetReservations } from "@/db/schema-budget";
import { pruneRateLimitWindows } from "./rate-limit";
import { compareCounterKeys, counterKeysFor, type CounterKey } from "./scopes";

/**
 * Releases reservations whose request never settled (the process crashed, the
 * settle call failed): past `expires_at` and still open, their reserved
 * amounts go back to every counter and they are marked `expired`. Without it
 * they would hold budget forever: a phantom "budget exceeded".
 *
 * A settle arriving after the sweep still counts its usage (see settle.ts).
 * Works in batches; each batch is one transaction that skips reservations
 * another transaction holds (a settle in progress), so it never waits on one.
 */
export async function sweepExpiredReservations({
  db,
  now = new Date(),
  batchSize = 500,
}: {
  db: Db;
  now?: Date;
  batchSize?: number;
}): Promise<{ released: number }> {
  let released = 0;
  for (;;) {
    const count = await sweepBatch({ db, now, batchSize });
    released += count;
    if (count < batchSize) return { released };
  }
}

async function sweepBatch({ db, now, batchSize }: { db: Db; now: Date; batchSize: number }): Promise<number> {
  return db.transaction(async (tx) => {
    const expired = await tx
      .select()
      .from(budgetReservations)
      .where(and(eq(budgetReservations.status, "open"), lt(budgetReservations.expiresAt, now)))
      .orderBy(asc(budgetReservations.expiresAt))
      .limit(batchSize)
      .for("update", { skipLocked: true });
    if (expired.length === 0) return 0;

    // One update per counter with the batch's total, in the global lock order
    // (see scopes.ts): a batch touches many rows per scope, so order them all.
    const totals = new Map<string, CounterKey & { tokens: number; micros: number }>();
    for (const reservation of expired) {
      for (const key of counterKeysFor(reservation)) {
        const id = `${key.scope}\u0000${key.scopeId}\u0000${key.periodStart.toISOString()}`;
        const total = totals.get(id) ?? { ...key, tokens: 0, micros: 0 };
        total.tokens += reservation.reservedTokens;
        total.micros += reservation.reservedMicros;
        totals.set(id, total);
      }
    }
    for (const total of [...totals.values()].sort(compareCounterKeys)) {
      await tx
        .update(budgetCounters)
        .set({
          reservedTokens: sql`${budgetCounters.reservedTokens} - ${total.tokens}`,
          reservedMicros: sql`${budgetCounters.reservedMicros} - ${total.micros}`,
          updatedAt: now,
        })
        .where(and(eq(budgetCounters.scope, total.scope), eq(budgetCounters.scopeId, total.scopeId), eq(budgetCounters.periodStart, total.periodStart)));
    }

    await tx
      .update(budgetReservations)
      .set({ status: "expired" })
      .where(
        inArray(
          budgetReservations.requestId,
          expired.map((reservation) => reservation.requestId),
        ),
      );
    return expired.length;
  });
}

const SWEEP_INTERVAL_MS = 60_000;
/** Per process (on globalThis: Next.js bundles may load this module more than once). */
const state = globalThis as typeof globalThis & { __ballastLastSweep?: number };

/**
 * The sweep, at most once a minute per process: cheap enough to call before
 * every admission, so no scheduler is needed. Throttled on the monotonic
 * clock; `now` only decides what counts as expired. Also prunes old
 * rate-limit windows.
 */
export async function maybeSweep({ db, now = new Date() }: { db: Db; now?: Date }): Promise<{ ran: boolean; released: number }> {
  const last = state.__ballastLastSweep;
  const tick = performance.now();
  if (last !== undefined && tick - last < SWEEP_INTERVAL_MS) return { ran: false, released: 0 };
  state.__ballastLastSweep = tick;
  try {
    const { released } = await sweepExpiredReservations({ db, now });
    await pruneRateLimitWindows({ db, before: new Date(now.getTime() - 60 * 60_000) });
    return { ran: true, released };
  } catch (error) {
    // Failed: let the next request try again rather than waiting a minute.
    state.__ballastLastSweep = last;
    throw error;
  }
}
