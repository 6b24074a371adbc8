import { BUDGET_SCOPES, type BudgetScope } from "@/db/schema-budget";

export { BUDGET_SCOPES, type BudgetScope };

/**
 * The order in which every ledger transaction (reserve, settle, sweep) touches
 * counter rows: narrowest scope first, the deployment-wide row last.
 *
 * Why one fixed order: two transactions that lock the same rows in different
 * orders can each hold one and wait for the other (a deadlock). When every
 * transaction locks in the same total order, a wait can only point "forward",
 * so no cycle exists. The total order is (rank below, period start, scope id);
 * a request touches at most one row per scope, so it follows it automatically.
 *
 * Why narrowest first: the global row is shared by every request, so it is
 * locked last and held for the shortest time (its update and the commit), and a
 * user refused by their own budget never touches it at all.
 */
export const LOCK_ORDER: readonly BudgetScope[] = BUDGET_SCOPES;

export function scopeRank(scope: BudgetScope): number {
  return LOCK_ORDER.indexOf(scope);
}

/** The scope id of the deployment-wide counter. */
export const GLOBAL_SCOPE_ID = "global";

/** A session (chat) budget lasts the chat's lifetime: one period, starting at the epoch. */
export const SESSION_PERIOD_START = new Date(0);

export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export function startOfUtcMonth(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** The periods a request made at `now` falls into. */
export function periodsAt(now: Date): { dayStart: Date; monthStart: Date } {
  return { dayStart: startOfUtcDay(now), monthStart: startOfUtcMonth(now) };
}

/** When a period's budget is fresh again: next UTC midnight, the 1st of next month, or never (a chat's budget). */
export function renewsAt({ scope, periodStart }: { scope: BudgetScope; periodStart: Date }): Date | null {
  switch (scope) {
    case "user_day":
    case "global_day":
      return new Date(Date.UTC(periodStart.getUTCFullYear(), periodStart.getUTCMonth(), periodStart.getUTCDate() + 1));
    case "user_month":
      return new Date(Date.UTC(periodStart.getUTCFullYear(), periodStart.getUTCMonth() + 1, 1));
    case "session":
      return null;
  }
}

/** The primary key of one counter row. */
export type CounterKey = { scope: BudgetScope; scopeId: string; periodStart: Date };

/**
 * The counters one request is charged to, in lock order. A request outside any
 * chat (chatId null) has no session scope.
 */
export function counterKeysFor({
  userId,
  chatId,
  dayStart,
  monthStart,
}: {
  userId: string;
  chatId: string | null;
  dayStart: Date;
  monthStart: Date;
}): CounterKey[] {
  const keys: CounterKey[] = [];
  if (chatId !== null) keys.push({ scope: "session", scopeId: chatId, periodStart: SESSION_PERIOD_START });
  keys.push({ scope: "user_day", scopeId: userId, periodStart: dayStart });
  keys.push({ scope: "user_month", scopeId: userId, periodStart: monthStart });
  keys.push({ scope: "global_day", scopeId: GLOBAL_SCOPE_ID, periodStart: dayStart });
  return keys;
}

/** Sorts counter keys into the total lock order (for operations that touch many requests at once). */
export function compareCounterKeys(a: CounterKey, b: CounterKey): number {
  return (
    scopeRank(a.scope) - scopeRank(b.scope) ||
    a.periodStart.getTime() - b.periodStart.getTime() ||
    (a.scopeId < b.scopeId ? -1 : a.scopeId > b.scopeId ? 1 : 0)
  );
}
