import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { budgetCounters, budgetReservations, usageEvents, type BudgetScope } from "@/db/schema-budget";
import { counterKeysFor, type CounterKey } from "./scopes";

type Amounts = { tokens: number; micros: number };

export type LedgerMismatch = CounterKey & {
  /** What the counter row says. */
  counter: { spent: Amounts; reserved: Amounts };
  /** What the usage events and open reservations say it should. */
  expected: { spent: Amounts; reserved: Amounts };
};

export type LedgerAudit = {
  /** Counters whose figures differ from the events: empty when the ledger is sound. */
  mismatches: LedgerMismatch[];
  /** Sums over all usage events (each request counted once). */
  events: Amounts & { count: number };
  /** Spent and reserved summed per scope over every counter row. */
  perScope: Record<BudgetScope, { spent: Amounts; reserved: Amounts; rows: number }>;
  reservations: Record<"open" | "settled" | "expired", number>;
};

const zero = (): Amounts => ({ tokens: 0, micros: 0 });
const keyId = (key: CounterKey) => `${key.scope}\u0000${key.scopeId}\u0000${key.periodStart.toISOString()}`;

/**
 * Recomputes every counter from first principles and compares: spent must be
 * the sum of the usage events of the requests charged to it (through their
 * reservations' periods, not the events' timestamps), reserved the sum of its
 * open reservations. Reads the whole ledger: for tests and an occasional admin
 * consistency check, not for a request path.
 */
export async function auditLedger({ db }: { db: Db }): Promise<LedgerAudit> {
  const requests = await db
    .select({
      requestId: budgetReservations.requestId,
      userId: budgetReservations.userId,
      chatId: budgetReservations.chatId,
      dayStart: budgetReservations.dayStart,
      monthStart: budgetReservations.monthStart,
      status: budgetReservations.status,
      reservedTokens: budgetReservations.reservedTokens,
      reservedMicros: budgetReservations.reservedMicros,
      usedTokens: sql<number>`coalesce(sum(${usageEvents.inputTokens} + ${usageEvents.outputTokens}), 0)`.mapWith(Number),
      usedMicros: sql<number>`coalesce(sum(${usageEvents.costMicros}), 0)`.mapWith(Number),
      eventCount: sql<number>`count(${usageEvents.attempt})`.mapWith(Number),
    })
    .from(budgetReservations)
    .leftJoin(usageEvents, eq(usageEvents.requestId, budgetReservations.requestId))
    .groupBy(budgetReservations.requestId);

  const expected = new Map<string, { spent: Amounts; reserved: Amounts }>();
  const events = { ...zero(), count: 0 };
  const reservations = { open: 0, settled: 0, expired: 0 };
  for (const request of requests) {
    reservations[request.status] += 1;
    events.tokens += request.usedTokens;
    events.micros += request.usedMicros;
    events.count += request.eventCount;
    for (const key of counterKeysFor(request)) {
      const entry = expected.get(keyId(key)) ?? { spent: zero(), reserved: zero() };
      entry.spent.tokens += request.usedTokens;
      entry.spent.micros += request.usedMicros;
      if (request.status === "open") {
        entry.reserved.tokens += request.reservedTokens;
        entry.reserved.micros += request.reservedMicros;
      }
      expected.set(keyId(key), entry);
    }
  }

  const counters = await db.select().from(budgetCounters);
  const blank = () => ({ spent: zero(), reserved: zero(), rows: 0 });
  const perScope: LedgerAudit["perScope"] = { session: blank(), user_day: blank(), user_month: blank(), global_day: blank() };
  const mismatches: LedgerMismatch[] = [];
  for (const row of counters) {
    const key: CounterKey = { scope: row.scope, scopeId: row.scopeId, periodStart: row.periodStart };
    const counter = {
      spent: { tokens: row.spentTokens, micros: row.spentMicros },
      reserved: { tokens: row.reservedTokens, micros: row.reservedMicros },
    };
    const want = expected.get(keyId(key)) ?? { spent: zero(), reserved: zero() };
    expected.delete(keyId(key));
    const total = perScope[row.scope];
    total.rows += 1;
    total.spent.tokens += row.spentTokens;
    total.spent.micros += row.spentMicros;
    total.reserved.tokens += row.reservedTokens;
    total.reserved.micros += row.reservedMicros;
    if (JSON.stringify(counter) !== JSON.stringify(want)) mismatches.push({ ...key, counter, expected: want });
  }
  // Reservations charged to a counter that does not exist.
  for (const [id, want] of expected) {
    const [scope, scopeId, period] = id.split("\u0000") as [BudgetScope, string, string];
    mismatches.push({ scope, scopeId, periodStart: new Date(period), counter: { spent: zero(), reserved: zero() }, expected: want });
  }
  return { mismatches, events, perScope, reservations };
}
