import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/*
 * The call log (lib/telemetry/): one row per provider attempt, plus hourly
 * rollups kept in step with it in the same transaction, so the admin page
 * answers from rollup rows (at most a few per model and hour) however large
 * the log grows. Hourly, not daily: the 24-hour view charts by hour.
 */

/** How one attempt ended, as the admin page counts it (see lib/telemetry/outcome.ts). */
export const CALL_OUTCOMES = [
  "ok",
  "repaired",
  "retried",
  "fallback",
  "timeout",
  "rate_limited",
  "provider_error",
  "invalid_output",
  "aborted",
  "budget_denied",
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Where a call came from: the app's users, the eval runner, or the synthetic seed (never mixed up with real usage). */
export const CALL_SOURCES = ["app", "eval", "seed"] as const;
export type CallSource = (typeof CALL_SOURCES)[number];

/** Latency histograms: the two timings the admin page shows percentiles of. */
export const LATENCY_METRICS = ["latency", "first_token"] as const;
export type LatencyMetric = (typeof LATENCY_METRICS)[number];

const oneOf = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(", "));
const micros = (name: string) => bigint(name, { mode: "number" });
/** The start of the hour (UTC) the attempt started in. */
const timestamptzHour = () => timestamp("hour", { withTimezone: true }).notNull();

export const callLog = pgTable(
  "call_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** When the attempt started. */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    requestId: text("request_id").notNull(),
    /** 1-based within the request; 0 for a request refused before any model call (budget_denied). */
    attempt: integer("attempt").notNull(),
    source: text("source", { enum: CALL_SOURCES }).notNull(),
    userId: text("user_id").notNull(),
    chatId: text("chat_id"),
    /** The feature's name (lib/features/*): "reply", "summarize". */
    feature: text("feature").notNull(),
    provider: text("provider").notNull(),
    modelId: text("model_id").notNull(),
    outcome: text("outcome", { enum: CALL_OUTCOMES }).notNull(),
    /** Machine-readable cause of a failed attempt ("http_500", "stream_cut", "first_chunk"); null when it succeeded. */
    errorClass: text("error_class"),
    /** Human-readable detail of the failure, truncated. */
    errorMessage: text("error_message"),
    inputTokens: integer("input_tokens").notNull(),
    outputTokens: integer("output_tokens").notNull(),
    costMicros: micros("cost_micros").notNull(),
    latencyMs: integer("latency_ms").notNull(),
    firstTokenMs: integer("first_token_ms"),
    /** lib/structured/repair-names.ts: the fixes the parser applied to this attempt's output. */
    repairs: text("repairs").array().notNull().default(sql`'{}'::text[]`),
    /** The injected fault (dev tools, evals), so chaos is never mistaken for a provider's real behaviour. */
    fault: text("fault"),
  },
  (table) => [
    uniqueIndex("call_log_request_attempt_idx").on(table.requestId, table.attempt),
    index("call_log_created_idx").on(table.createdAt),
    index("call_log_user_created_idx").on(table.userId, table.createdAt),
    check("call_log_outcome_valid", sql`${table.outcome} in (${oneOf(CALL_OUTCOMES)})`),
    check("call_log_source_valid", sql`${table.source} in (${oneOf(CALL_SOURCES)})`),
    check("call_log_amounts_nonnegative", sql`${table.inputTokens} >= 0 and ${table.outputTokens} >= 0 and ${table.costMicros} >= 0 and ${table.latencyMs} >= 0`),
  ],
);

/** Totals per hour, source, feature, model and outcome. */
export const callHourly = pgTable(
  "call_hourly",
  {
    hour: timestamptzHour(),
    source: text("source", { enum: CALL_SOURCES }).notNull(),
    feature: text("feature").notNull(),
    provider: text("provider").notNull(),
    modelId: text("model_id").notNull(),
    outcome: text("outcome", { enum: CALL_OUTCOMES }).notNull(),
    calls: integer("calls").notNull(),
    /** Requests: rows with attempt ≤ 1 (a request's first attempt, or its budget denial), counted under the model it was first sent to. */
    requests: integer("requests").notNull().default(0),
    /** Calls whose output needed at least one repair. */
    repairedCalls: integer("repaired_calls").notNull(),
    inputTokens: micros("input_tokens").notNull(),
    outputTokens: micros("output_tokens").notNull(),
    costMicros: micros("cost_micros").notNull(),
    latencyMsSum: micros("latency_ms_sum").notNull(),
  },
  (table) => [primaryKey({ columns: [table.hour, table.source, table.feature, table.provider, table.modelId, table.outcome] })],
);

/** Totals per hour and user: the "top users" table without scanning the log. */
export const callUserHourly = pgTable(
  "call_user_hourly",
  {
    hour: timestamptzHour(),
    source: text("source", { enum: CALL_SOURCES }).notNull(),
    userId: text("user_id").notNull(),
    calls: integer("calls").notNull(),
    failedCalls: integer("failed_calls").notNull(),
    inputTokens: micros("input_tokens").notNull(),
    outputTokens: micros("output_tokens").notNull(),
    costMicros: micros("cost_micros").notNull(),
  },
  (table) => [primaryKey({ columns: [table.hour, table.source, table.userId] }), index("call_user_hourly_user_idx").on(table.userId, table.hour)],
);

/**
 * Latency histograms per hour, source and model: counts per log-spaced
 * bucket (lib/telemetry/latency-buckets.ts), from which p50/p95/p99 are read
 * for any range of hours. Percentiles of raw rows would mean sorting them all.
 */
export const callLatencyHourly = pgTable(
  "call_latency_hourly",
  {
    hour: timestamptzHour(),
    source: text("source", { enum: CALL_SOURCES }).notNull(),
    modelId: text("model_id").notNull(),
    metric: text("metric", { enum: LATENCY_METRICS }).notNull(),
    bucket: smallint("bucket").notNull(),
    calls: integer("calls").notNull(),
  },
  (table) => [primaryKey({ columns: [table.hour, table.source, table.modelId, table.metric, table.bucket] })],
);
