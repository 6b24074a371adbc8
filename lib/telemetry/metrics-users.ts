import "server-only";
import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { callLog, callUserHourly, users } from "@/db/schema";
import { getBudgetStatus, type ScopeStatus } from "@/lib/budget/remaining";
import type { MetricsQuery } from "./metrics";
import type { RangeWindow, TopUserSort } from "./metrics-range";
import type { Amounts, BudgetLeft, RecentCall, TopUser, UserIdentity } from "./metrics-types";

/*
 * Per-user figures: the top users (from call_user_hourly), a user's totals
 * and series, their budgets as admission sees them now, and their recent
 * calls — the one query that reads call_log, through its (user_id,
 * created_at) index, newest first.
 */

/** The synthetic seed's users (scripts/seed-usage.ts) have ids with this prefix and no account. */
export const SEED_USER_PREFIX = "seed-user-";

const toNumber = (value: unknown): number => Number(value ?? 0);
const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));

function inWindow(window: RangeWindow) {
  return and(gte(callUserHourly.hour, window.from), lt(callUserHourly.hour, window.to));
}

const sums = {
  calls: sql`sum(${callUserHourly.calls})`.mapWith(toNumber),
  failedCalls: sql`sum(${callUserHourly.failedCalls})`.mapWith(toNumber),
  inputTokens: sql`sum(${callUserHourly.inputTokens})`.mapWith(toNumber),
  outputTokens: sql`sum(${callUserHourly.outputTokens})`.mapWith(toNumber),
  costMicros: sql`sum(${callUserHourly.costMicros})`.mapWith(toNumber),
};

type AccountRow = { id: string; name: string; email: string; isAnonymous: boolean; role: string };

function identityOf(userId: string, account: AccountRow | undefined): UserIdentity {
  if (account) {
    if (account.isAnonymous) return { id: userId, name: "Guest", email: null, kind: "guest" };
    return { id: userId, name: account.name || account.email, email: account.email, kind: account.role === "admin" ? "admin" : "user" };
  }
  if (userId.startsWith(SEED_USER_PREFIX)) return { id: userId, name: `Synthetic user ${userId.slice(SEED_USER_PREFIX.length)}`, email: null, kind: "synthetic" };
  // The account was deleted (or the call came from a runner with its own id): the calls stay.
  return { id: userId, name: "No account", email: null, kind: "unknown" };
}

async function accountsById(db: Db, ids: readonly string[]): Promise<Map<string, AccountRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name, email: users.email, isAnonymous: users.isAnonymous, role: users.role })
    .from(users)
    .where(inArray(users.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row]));
}

export async function getUserIdentity({ db, userId }: { db: Db; userId: string }): Promise<UserIdentity> {
  return identityOf(userId, (await accountsById(db, [userId])).get(userId));
}

const BUDGET_LABELS = { user_day: "Today", user_month: "This month" } as const;

function toBudgetLeft(scope: ScopeStatus & { scope: "user_day" | "user_month" }): BudgetLeft {
  return {
    label: BUDGET_LABELS[scope.scope],
    scope: scope.scope,
    limitTokens: scope.limitTokens,
    remainingTokens: scope.remainingTokens,
    limitMicros: scope.limitMicros,
    remainingMicros: scope.remainingMicros,
    remainingFraction: scope.remainingFraction,
    renewsAt: scope.renewsAt?.toISOString() ?? null,
  };
}

/** Today's and this month's budget of an account, as admission would check them now; null for ids without an account. */
export async function getBudgetsLeft({ db, identity, now = new Date() }: { db: Db; identity: UserIdentity; now?: Date }): Promise<BudgetLeft[] | null> {
  if (identity.kind === "synthetic" || identity.kind === "unknown") return null;
  const status = await getBudgetStatus({ db, userId: identity.id, tier: identity.kind, now });
  return status.scopes.flatMap((scope) => (scope.scope === "user_day" || scope.scope === "user_month" ? [toBudgetLeft({ ...scope, scope: scope.scope })] : []));
}

/** The budget closest to running out (what a single meter shows); an unlimited one only when all are. */
export function bindingBudget(budgets: readonly BudgetLeft[] | null): BudgetLeft | null {
  if (!budgets || budgets.length === 0) return null;
  const limited = budgets.filter((budget) => budget.remainingFraction !== null);
  if (limited.length === 0) return budgets[0]!;
  return limited.reduce((best, next) => (next.remainingFraction! < best.remainingFraction! ? next : best));
}

/**
 * The range's heaviest users by tokens or cost, with who they are and what is
 * left of their budget now. `activeUsers` counts every user with a call in
 * the range (the window function counts the groups before LIMIT).
 */
export async function queryTopUsers({ db, window, source, sort, limit = 10, now = new Date() }: MetricsQuery & { sort: TopUserSort; limit?: number; now?: Date }): Promise<{ activeUsers: number; rows: TopUser[] }> {
  const order =
    sort === "cost"
      ? sql`sum(${callUserHourly.costMicros}) desc, sum(${callUserHourly.inputTokens} + ${callUserHourly.outputTokens}) desc`
      : sql`sum(${callUserHourly.inputTokens} + ${callUserHourly.outputTokens}) desc, sum(${callUserHourly.costMicros}) desc`;
  const rows = await db
    .select({ userId: callUserHourly.userId, ...sums, activeUsers: sql`count(*) over ()`.mapWith(toNumber) })
    .from(callUserHourly)
    .where(and(eq(callUserHourly.source, source), inWindow(window)))
    .groupBy(callUserHourly.userId)
    .orderBy(order, callUserHourly.userId)
    .limit(limit);

  const accounts = await accountsById(
    db,
    rows.map((row) => row.userId),
  );
  const topUsers = await Promise.all(
    rows.map(async ({ userId, activeUsers: _activeUsers, ...amounts }): Promise<TopUser> => {
      const user = identityOf(userId, accounts.get(userId));
      return { user, ...amounts, budget: bindingBudget(await getBudgetsLeft({ db, identity: user, now })) };
    }),
  );
  return { activeUsers: rows[0]?.activeUsers ?? 0, rows: topUsers };
}

/** One user's totals and per-bucket series in the range. */
export async function queryUserSeries({ db, window, source, userId }: MetricsQuery & { userId: string }): Promise<{ totals: Amounts & { failedCalls: number }; series: Array<{ start: string } & Amounts> }> {
  const bucket = window.bucket === "hour" ? sql<Date>`${callUserHourly.hour}` : sql<Date>`date_trunc('day', ${callUserHourly.hour}, 'UTC')`;
  const rows = await db
    .select({ bucket: bucket.mapWith(toDate), ...sums })
    .from(callUserHourly)
    .where(and(eq(callUserHourly.userId, userId), eq(callUserHourly.source, source), inWindow(window)))
    .groupBy(bucket);
  const byStart = new Map(rows.map((row) => [row.bucket.getTime(), row]));
  const totals = { calls: 0, failedCalls: 0, inputTokens: 0, outputTokens: 0, costMicros: 0 };
  const series = window.starts.map((start) => {
    const row = byStart.get(start.getTime());
    const amounts: Amounts = { calls: row?.calls ?? 0, inputTokens: row?.inputTokens ?? 0, outputTokens: row?.outputTokens ?? 0, costMicros: row?.costMicros ?? 0 };
    totals.calls += amounts.calls;
    totals.failedCalls += row?.failedCalls ?? 0;
    totals.inputTokens += amounts.inputTokens;
    totals.outputTokens += amounts.outputTokens;
    totals.costMicros += amounts.costMicros;
    return { start: start.toISOString(), ...amounts };
  });
  return { totals, series };
}

/** A cursor is the id of the last call shown; anything else is ignored (the first page). */
export function parseCallCursor(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

/**
 * A user's most recent calls of one source, newest first, `limit` at a time.
 * Keyset-paginated on (created_at, id) so it walks the (user_id, created_at)
 * index backwards and never counts or offsets through older rows.
 */
export async function queryRecentCalls({
  db,
  userId,
  source,
  before = null,
  limit = 50,
}: {
  db: Db;
  userId: string;
  source: RecentCall["source"];
  before?: number | null;
  limit?: number;
}): Promise<{ calls: RecentCall[]; olderCursor: string | null }> {
  const rows = await db
    .select()
    .from(callLog)
    .where(
      and(
        eq(callLog.userId, userId),
        eq(callLog.source, source),
        before === null ? undefined : sql`(${callLog.createdAt}, ${callLog.id}) < (select c.created_at, c.id from call_log c where c.id = ${before})`,
      ),
    )
    .orderBy(desc(callLog.createdAt), desc(callLog.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    calls: page.map(({ userId: _userId, createdAt, ...row }): RecentCall => ({ ...row, createdAt: createdAt.toISOString() })),
    olderCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
  };
}

/** A user's calls per source, all time (a few rows per active hour, read through the (user_id, hour) index). */
export async function queryUserCallsBySource({ db, userId }: { db: Db; userId: string }): Promise<Record<RecentCall["source"], number>> {
  const rows = await db
    .select({ source: callUserHourly.source, calls: sums.calls })
    .from(callUserHourly)
    .where(eq(callUserHourly.userId, userId))
    .groupBy(callUserHourly.source);
  const counts: Record<RecentCall["source"], number> = { app: 0, eval: 0, seed: 0 };
  for (const row of rows) counts[row.source] = row.calls;
  return counts;
}
