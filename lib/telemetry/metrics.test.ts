import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/ai/faults";
import { openDb, type DbHandle } from "@/db/client";
import { CALL_OUTCOMES, CALL_SOURCES } from "@/db/schema";
import type { CallRow } from "./call-row";
import { getUsageDashboard, getUserUsage } from "./metrics-dashboard";
import { ANSWERED_OUTCOMES, FAILED_OUTCOMES, OUTCOMES, outcomeGroup } from "./metrics-outcomes";
import { rangeWindow, USAGE_RANGES, USAGE_SOURCES, parseUsageParams, type UsageRange, type UsageSource } from "./metrics-range";
import { queryRecentCalls } from "./metrics-users";
import { writeCallRows } from "./write-calls";

/*
 * The usage page's figures, read from the rollups, against the same figures
 * computed straight from call_log with SQL: for every range and source, the
 * totals, each bucket of each model, the outcome groups, the top users and
 * the latency percentiles.
 */

const NOW = new Date("2026-11-20T15:37:12.345Z");
const HOUR = 3_600_000;

let handle: DbHandle;

function rows(count: number, seed: number): CallRow[] {
  const next = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const outcome = pick(CALL_OUTCOMES);
    // 35 days back to 2 hours ahead: some rows fall outside every range, on both sides.
    const createdAt = new Date(NOW.getTime() - Math.floor(next() * 35 * 24 * HOUR) + 2 * HOUR);
    return {
      outcome,
      errorClass: outcome === "ok" ? null : "x",
      errorMessage: null,
      createdAt,
      // Every third row is a second attempt of the row before it: a call, not a request.
      requestId: `req-${seed}-${i % 3 === 2 ? i - 1 : i}`,
      attempt: i % 3 === 2 ? 2 : outcome === "budget_denied" ? 0 : 1,
      source: pick(CALL_SOURCES),
      userId: `u${Math.floor(next() ** 2 * 14)}`,
      chatId: null,
      feature: pick(["reply", "summarize"]),
      provider: "openai.chat",
      modelId: pick(["gpt-4o-mini", "gpt-4o", "offline"]),
      inputTokens: outcome === "budget_denied" ? 0 : Math.floor(next() * 2000),
      outputTokens: outcome === "budget_denied" ? 0 : Math.floor(next() * 400),
      costMicros: outcome === "budget_denied" ? 0 : Math.floor(next() * 900),
      latencyMs: outcome === "budget_denied" ? 0 : Math.floor(next() ** 3 * 20_000),
      firstTokenMs: next() < 0.8 ? Math.floor(next() * 900) : null,
      repairs: next() < 0.3 ? ["removed_code_fence"] : [],
      fault: null,
    };
  });
}

type Num = string | number | bigint | null;
async function query<T extends Record<string, unknown>>(text: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await handle.db.execute(text)) as unknown as { rows: T[] };
  return result.rows;
}

beforeAll(async () => {
  handle = await openDb({ dataDir: "memory://" });
  const all = rows(3000, 7);
  for (let i = 0; i < all.length; i += 500) await writeCallRows(handle.db, all.slice(i, i + 500));
});
afterAll(async () => {
  await handle?.close();
});

describe("usage metrics from the rollups", () => {
  it("use the schema's outcome and source lists", () => {
    expect([...OUTCOMES]).toEqual([...CALL_OUTCOMES]);
    expect([...USAGE_SOURCES]).toEqual([...CALL_SOURCES]);
  });

  const cases = USAGE_RANGES.flatMap((range) => USAGE_SOURCES.map((source) => [range, source] as [UsageRange, UsageSource]));
  it.each(cases)("over %s of %s usage equal sums computed from call_log", async (range, source) => {
    const window = rangeWindow(range, NOW);
    const dashboard = await getUsageDashboard({ db: handle.db, params: { range, source, sort: "tokens" }, now: NOW });
    const where = sql`source = ${source} and created_at >= ${window.from.toISOString()} and created_at < ${window.to.toISOString()}`;

    const [totals] = await query<{ calls: Num; requests: Num; input: Num; output: Num; cost: Num; answered: Num; repaired: Num }>(sql`
      select count(*) as calls, count(*) filter (where attempt <= 1) as requests, coalesce(sum(input_tokens), 0) as input, coalesce(sum(output_tokens), 0) as output, coalesce(sum(cost_micros), 0) as cost,
        count(*) filter (where outcome in (${sql.join(ANSWERED_OUTCOMES.map((o) => sql`${o}`), sql`, `)})) as answered,
        count(*) filter (where cardinality(repairs) > 0) as repaired
      from call_log where ${where}`);
    expect(Number(totals!.calls)).toBeGreaterThan(0);
    expect(dashboard.totals).toMatchObject({
      calls: Number(totals!.calls),
      requests: Number(totals!.requests),
      inputTokens: Number(totals!.input),
      outputTokens: Number(totals!.output),
      costMicros: Number(totals!.cost),
      answered: Number(totals!.answered),
      repairedCalls: Number(totals!.repaired),
    });

    // Every bucket of every model, and the outcome groups per bucket.
    const bucket = window.bucket === "hour" ? sql`date_trunc('hour', created_at, 'UTC')` : sql`date_trunc('day', created_at, 'UTC')`;
    const perBucket = await query<{ bucket: Date; model_id: string; outcome: string; calls: Num; requests: Num; tokens: Num; cost: Num }>(sql`
      select ${bucket} as bucket, model_id, outcome, count(*) as calls, count(*) filter (where attempt <= 1) as requests, sum(input_tokens + output_tokens) as tokens, sum(cost_micros) as cost
      from call_log where ${where} group by 1, 2, 3`);
    const expected = new Map<string, { calls: number; requests: number; tokens: number; cost: number }>();
    const expectedOutcomes = new Map<string, number>();
    for (const row of perBucket) {
      const key = `${new Date(row.bucket).toISOString()}|${row.model_id}`;
      const entry = expected.get(key) ?? { calls: 0, requests: 0, tokens: 0, cost: 0 };
      entry.calls += Number(row.calls);
      entry.requests += Number(row.requests);
      entry.tokens += Number(row.tokens);
      entry.cost += Number(row.cost);
      expected.set(key, entry);
      const outcomeKey = `${new Date(row.bucket).toISOString()}|${outcomeGroup(row.outcome as (typeof OUTCOMES)[number])}`;
      expectedOutcomes.set(outcomeKey, (expectedOutcomes.get(outcomeKey) ?? 0) + Number(row.calls));
    }
    const shown = new Map<string, { calls: number; requests: number; tokens: number; cost: number }>();
    const shownOutcomes = new Map<string, number>();
    expect(dashboard.series).toHaveLength(window.starts.length);
    for (const point of dashboard.series) {
      for (const [model, amounts] of Object.entries(point.byModel)) {
        shown.set(`${point.start}|${model}`, { calls: amounts.calls, requests: amounts.requests, tokens: amounts.inputTokens + amounts.outputTokens, cost: amounts.costMicros });
      }
      for (const [group, calls] of Object.entries(point.outcomes)) if (calls > 0) shownOutcomes.set(`${point.start}|${group}`, calls);
    }
    expect(shown).toEqual(expected);
    expect(shownOutcomes).toEqual(expectedOutcomes);

    // Top users by tokens, with the count of users seen in the range.
    const users = await query<{ user_id: string; tokens: Num; cost: Num; calls: Num; failed: Num }>(sql`
      select user_id, sum(input_tokens + output_tokens) as tokens, sum(cost_micros) as cost, count(*) as calls,
        count(*) filter (where outcome in (${sql.join([...FAILED_OUTCOMES, "budget_denied"].map((o) => sql`${o}`), sql`, `)})) as failed
      from call_log where ${where} group by user_id order by 2 desc, 3 desc, user_id limit 10`);
    const [active] = await query<{ n: Num }>(sql`select count(distinct user_id) as n from call_log where ${where}`);
    expect(dashboard.topUsers.activeUsers).toBe(Number(active!.n));
    expect(dashboard.topUsers.rows.map((row) => [row.user.id, row.inputTokens + row.outputTokens, row.costMicros, row.calls, row.failedCalls])).toEqual(
      users.map((row) => [row.user_id, Number(row.tokens), Number(row.cost), Number(row.calls), Number(row.failed)]),
    );
    // These ids have no account: named, never given a budget.
    expect(dashboard.topUsers.rows.every((row) => row.user.kind === "unknown" && row.budget === null)).toBe(true);

    // Latency percentiles per model: at or up to 10% above the exact nearest-rank value.
    for (const model of dashboard.latency) {
      const samples = await query<{ ms: number }>(sql`select latency_ms as ms from call_log where ${where} and model_id = ${model.modelId} and outcome <> 'budget_denied' order by 1`);
      expect(model.latency?.samples).toBe(samples.length);
      for (const p of [50, 95, 99] as const) {
        const exact = samples[Math.ceil((p / 100) * samples.length) - 1]!.ms;
        const read = model.latency![`p${p}`];
        expect(read).toBeGreaterThanOrEqual(exact);
        expect(read).toBeLessThanOrEqual(Math.ceil(exact * 1.1) + 1);
      }
    }

    const bySource = await query<{ source: string; calls: Num }>(sql`
      select source, count(*) as calls from call_log where created_at >= ${window.from.toISOString()} and created_at < ${window.to.toISOString()} group by 1`);
    for (const row of bySource) expect(dashboard.callsBySource[row.source as UsageSource]).toBe(Number(row.calls));
  });

  it("orders top users by cost when asked", async () => {
    const dashboard = await getUsageDashboard({ db: handle.db, params: { range: "30d", source: "app", sort: "cost" }, now: NOW });
    const costs = dashboard.topUsers.rows.map((row) => row.costMicros);
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
  });

  it("pages through a user's calls newest first without gaps or repeats", async () => {
    const [user] = await query<{ user_id: string }>(sql`select user_id from call_log where source = 'app' group by 1 order by count(*) desc limit 1`);
    const expected = await query<{ id: Num }>(sql`select id from call_log where user_id = ${user!.user_id} and source = 'app' order by created_at desc, id desc`);
    const seen: number[] = [];
    let before: number | null = null;
    for (;;) {
      const page = await queryRecentCalls({ db: handle.db, userId: user!.user_id, source: "app", before, limit: 7 });
      seen.push(...page.calls.map((call) => call.id));
      if (!page.olderCursor) break;
      before = Number(page.olderCursor);
    }
    expect(seen).toEqual(expected.map((row) => Number(row.id)));
  });

  it("gives a user's totals for the range and nothing for an id never seen", async () => {
    const usage = await getUserUsage({ db: handle.db, userId: "u0", params: { range: "30d", source: "seed", sort: "tokens" }, now: NOW });
    const window = rangeWindow("30d", NOW);
    const [sums] = await query<{ calls: Num; tokens: Num; cost: Num }>(sql`
      select count(*) as calls, sum(input_tokens + output_tokens) as tokens, sum(cost_micros) as cost from call_log
      where user_id = 'u0' and source = 'seed' and created_at >= ${window.from.toISOString()} and created_at < ${window.to.toISOString()}`);
    expect(usage?.totals).toMatchObject({ calls: Number(sums!.calls), costMicros: Number(sums!.cost) });
    expect(usage!.totals.inputTokens + usage!.totals.outputTokens).toBe(Number(sums!.tokens));
    expect(usage?.series.reduce((total, point) => total + point.calls, 0)).toBe(Number(sums!.calls));
    expect(usage?.recentCalls.every((call) => call.source === "seed")).toBe(true);
    expect(await getUserUsage({ db: handle.db, userId: "nobody", params: parseUsageParams({}), now: NOW })).toBeNull();
  });
});

describe("range windows", () => {
  it("cut 24 h into hours and 7 d / 30 d into UTC days ending with the current one", () => {
    const hours = rangeWindow("24h", NOW);
    expect(hours.starts).toHaveLength(24);
    expect(hours.starts.at(-1)!.toISOString()).toBe("2026-11-20T15:00:00.000Z");
    expect(hours.from.toISOString()).toBe("2026-11-19T16:00:00.000Z");
    expect(hours.to.toISOString()).toBe("2026-11-20T16:00:00.000Z");
    const week = rangeWindow("7d", NOW);
    expect(week.starts.map((start) => start.toISOString().slice(0, 10))).toEqual(["2026-11-14", "2026-11-15", "2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"]);
    expect(week.to.toISOString()).toBe("2026-11-21T00:00:00.000Z");
    expect(rangeWindow("30d", NOW).starts).toHaveLength(30);
  });

  it("fall back to the defaults for unknown parameters", () => {
    expect(parseUsageParams({ range: "1y", source: ["seed", "app"], sort: "name" })).toEqual({ range: "7d", source: "seed", sort: "tokens" });
    expect(parseUsageParams(new URLSearchParams("range=24h&sort=cost"))).toEqual({ range: "24h", source: "app", sort: "cost" });
  });
});
