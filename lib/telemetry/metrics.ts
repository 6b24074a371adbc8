import "server-only";
import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { callHourly, callLatencyHourly, type LatencyMetric } from "@/db/schema";
import { findPrice } from "@/lib/budget/prices";
import { percentileFromHistogram } from "./latency-buckets";
import { ANSWERED_OUTCOMES, OUTCOME_GROUPS, OUTCOMES, outcomeGroup, type Outcome, type OutcomeGroup } from "./metrics-outcomes";
import { USAGE_SOURCES, type RangeWindow, type UsageSource } from "./metrics-range";
import type { CallAmounts, ModelLatency, ModelUsage, Percentiles, SeriesPoint, UsageTotals } from "./metrics-types";

/*
 * The usage page's queries. Every one reads the hourly rollups (never the call
 * log), filtered by source and a range of whole hours, so its cost grows with
 * hours × models × outcomes, not with the number of calls logged.
 */

export type MetricsQuery = { db: Db; window: RangeWindow; source: UsageSource };

/** Sums arrive as strings (postgres.js), bigints or numbers (PGlite): all exact below 2^53. */
const toNumber = (value: unknown): number => Number(value ?? 0);
const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));

const emptyAmounts = (): CallAmounts => ({ calls: 0, requests: 0, inputTokens: 0, outputTokens: 0, costMicros: 0 });
const emptyGroups = (): Record<OutcomeGroup, number> => Object.fromEntries(OUTCOME_GROUPS.map((group) => [group, 0])) as Record<OutcomeGroup, number>;
const emptyOutcomes = (): Record<Outcome, number> => Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>;

function addAmounts(into: CallAmounts, row: CallAmounts): void {
  into.calls += row.calls;
  into.requests += row.requests;
  into.inputTokens += row.inputTokens;
  into.outputTokens += row.outputTokens;
  into.costMicros += row.costMicros;
}

/** The start of the chart bucket an hourly rollup row falls into. */
function bucketOf(hour: SQL | typeof callHourly.hour, window: RangeWindow): SQL<Date> {
  return window.bucket === "hour" ? sql<Date>`${hour}` : sql<Date>`date_trunc('day', ${hour}, 'UTC')`;
}

function inWindow(column: typeof callHourly.hour | typeof callLatencyHourly.hour, window: RangeWindow): SQL | undefined {
  return and(gte(column, window.from), lt(column, window.to));
}

export type CallSummary = { totals: UsageTotals; models: ModelUsage[]; series: SeriesPoint[] };

/**
 * Tokens, cost and calls per bucket and model, outcomes per bucket, and the
 * range's totals: one grouped read of call_hourly, folded here.
 */
export async function queryCallSummary({ db, window, source }: MetricsQuery): Promise<CallSummary> {
  const bucket = bucketOf(callHourly.hour, window);
  const rows = await db
    .select({
      bucket: bucket.mapWith(toDate),
      modelId: callHourly.modelId,
      outcome: callHourly.outcome,
      calls: sql`sum(${callHourly.calls})`.mapWith(toNumber),
      requests: sql`sum(${callHourly.requests})`.mapWith(toNumber),
      repairedCalls: sql`sum(${callHourly.repairedCalls})`.mapWith(toNumber),
      inputTokens: sql`sum(${callHourly.inputTokens})`.mapWith(toNumber),
      outputTokens: sql`sum(${callHourly.outputTokens})`.mapWith(toNumber),
      costMicros: sql`sum(${callHourly.costMicros})`.mapWith(toNumber),
    })
    .from(callHourly)
    .where(and(eq(callHourly.source, source), inWindow(callHourly.hour, window)))
    .groupBy(bucket, callHourly.modelId, callHourly.outcome);

  const points = new Map(window.starts.map((start): [number, SeriesPoint] => [start.getTime(), { start: start.toISOString(), byModel: {}, outcomes: emptyGroups() }]));
  const totals: UsageTotals = { ...emptyAmounts(), answered: 0, repairedCalls: 0, byOutcome: emptyOutcomes() };
  const byModel = new Map<string, CallAmounts>();
  for (const row of rows) {
    const point = points.get(row.bucket.getTime());
    // Rollup hours and chart buckets share boundaries, so a row outside every bucket would be a bug in bucketOf.
    if (!point) throw new Error(`call_hourly row at ${row.bucket.toISOString()} falls outside the range's buckets`);
    addAmounts((point.byModel[row.modelId] ??= emptyAmounts()), row);
    point.outcomes[outcomeGroup(row.outcome)] += row.calls;
    addAmounts(totals, row);
    totals.repairedCalls += row.repairedCalls;
    totals.byOutcome[row.outcome] += row.calls;
    if (ANSWERED_OUTCOMES.includes(row.outcome)) totals.answered += row.calls;
    let model = byModel.get(row.modelId);
    if (!model) byModel.set(row.modelId, (model = emptyAmounts()));
    addAmounts(model, row);
  }

  const now = new Date();
  const models = [...byModel.entries()]
    .map(([modelId, amounts]): ModelUsage => ({ modelId, ...amounts, nominalPrice: findPrice({ modelId, at: now })?.nominal === true }))
    .sort((a, b) => b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens) || b.calls - a.calls || a.modelId.localeCompare(b.modelId));
  return { totals, models, series: [...points.values()] };
}

function percentilesOf(histogram: ReadonlyMap<number, number> | undefined): Percentiles | null {
  if (!histogram || histogram.size === 0) return null;
  let samples = 0;
  for (const count of histogram.values()) samples += count;
  return {
    p50: percentileFromHistogram(histogram, 50)!,
    p95: percentileFromHistogram(histogram, 95)!,
    p99: percentileFromHistogram(histogram, 99)!,
    samples,
  };
}

export type LatencySummary = { byModel: ModelLatency[]; overall: Omit<ModelLatency, "modelId"> };

/**
 * p50/p95/p99 of latency and time to first token per model, read from the
 * summed hourly histograms (within 10% above the exact value, never below).
 */
export async function queryLatency({ db, window, source }: MetricsQuery): Promise<LatencySummary> {
  const rows = await db
    .select({
      modelId: callLatencyHourly.modelId,
      metric: callLatencyHourly.metric,
      bucket: callLatencyHourly.bucket,
      calls: sql`sum(${callLatencyHourly.calls})`.mapWith(toNumber),
    })
    .from(callLatencyHourly)
    .where(and(eq(callLatencyHourly.source, source), inWindow(callLatencyHourly.hour, window)))
    .groupBy(callLatencyHourly.modelId, callLatencyHourly.metric, callLatencyHourly.bucket);

  type Histograms = Map<LatencyMetric, Map<number, number>>;
  const perModel = new Map<string, Histograms>();
  const overall: Histograms = new Map();
  const add = (histograms: Histograms, metric: LatencyMetric, bucket: number, calls: number) => {
    let histogram = histograms.get(metric);
    if (!histogram) histograms.set(metric, (histogram = new Map()));
    histogram.set(bucket, (histogram.get(bucket) ?? 0) + calls);
  };
  for (const row of rows) {
    let histograms = perModel.get(row.modelId);
    if (!histograms) perModel.set(row.modelId, (histograms = new Map()));
    add(histograms, row.metric, row.bucket, row.calls);
    add(overall, row.metric, row.bucket, row.calls);
  }
  const byModel = [...perModel.entries()]
    .map(([modelId, histograms]): ModelLatency => ({ modelId, latency: percentilesOf(histograms.get("latency")), firstToken: percentilesOf(histograms.get("first_token")) }))
    .sort((a, b) => (b.latency?.samples ?? 0) - (a.latency?.samples ?? 0) || a.modelId.localeCompare(b.modelId));
  return { byModel, overall: { latency: percentilesOf(overall.get("latency")), firstToken: percentilesOf(overall.get("first_token")) } };
}

/** Calls per source in the range, so a page showing one source can say what else there is. */
export async function queryCallsBySource({ db, window }: Omit<MetricsQuery, "source">): Promise<Record<UsageSource, number>> {
  const rows = await db
    .select({ source: callHourly.source, calls: sql`sum(${callHourly.calls})`.mapWith(toNumber) })
    .from(callHourly)
    .where(inWindow(callHourly.hour, window))
    .groupBy(callHourly.source);
  const counts = Object.fromEntries(USAGE_SOURCES.map((source) => [source, 0])) as Record<UsageSource, number>;
  for (const row of rows) counts[row.source] = row.calls;
  return counts;
}
