import "server-only";
import type { Db } from "@/db/client";
import { queryCallsBySource, queryCallSummary, queryLatency } from "./metrics";
import { rangeWindow, type UsageParams } from "./metrics-range";
import type { UsageDashboard, UserUsage } from "./metrics-types";
import { getBudgetsLeft, getUserIdentity, queryRecentCalls, queryTopUsers, queryUserCallsBySource, queryUserSeries } from "./metrics-users";

/*
 * Everything the usage pages show, in one JSON-ready object each: the pages
 * render these and the /api/admin/usage endpoints return them, unchanged.
 */

function windowJson(window: ReturnType<typeof rangeWindow>): UsageDashboard["window"] {
  return { from: window.from.toISOString(), to: window.to.toISOString(), bucket: window.bucket };
}

/** The /admin page: a handful of grouped reads of the hourly rollups, run side by side. */
export async function getUsageDashboard({ db, params, now = new Date() }: { db: Db; params: UsageParams; now?: Date }): Promise<UsageDashboard> {
  const window = rangeWindow(params.range, now);
  const query = { db, window, source: params.source };
  const [summary, latency, topUsers, callsBySource] = await Promise.all([
    queryCallSummary(query),
    queryLatency(query),
    queryTopUsers({ ...query, sort: params.sort, now }),
    queryCallsBySource({ db, window }),
  ]);
  return {
    params,
    window: windowJson(window),
    generatedAt: now.toISOString(),
    totals: summary.totals,
    models: summary.models,
    series: summary.series,
    latency: latency.byModel,
    overallLatency: latency.overall,
    topUsers,
    callsBySource,
  };
}

/**
 * One user's page: who they are, their budgets now, their usage in the range
 * and their most recent calls. Null when the id has neither an account nor
 * any logged call (nothing to show, so the page is a 404).
 */
export async function getUserUsage({
  db,
  userId,
  params,
  before = null,
  now = new Date(),
}: {
  db: Db;
  userId: string;
  params: UsageParams;
  before?: number | null;
  now?: Date;
}): Promise<UserUsage | null> {
  const window = rangeWindow(params.range, now);
  const user = await getUserIdentity({ db, userId });
  const [usage, budgets, recent, callsBySource] = await Promise.all([
    queryUserSeries({ db, window, source: params.source, userId }),
    getBudgetsLeft({ db, identity: user, now }),
    queryRecentCalls({ db, userId, source: params.source, before }),
    queryUserCallsBySource({ db, userId }),
  ]);
  if (user.kind === "unknown" && Object.values(callsBySource).every((calls) => calls === 0)) return null;
  return {
    params,
    window: windowJson(window),
    generatedAt: now.toISOString(),
    user,
    totals: usage.totals,
    series: usage.series,
    budgets,
    recentCalls: recent.calls,
    olderCursor: recent.olderCursor,
    callsBySource,
  };
}
