import { sql } from "drizzle-orm";
import { bigint, boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp } from "drizzle-orm/pg-core";

/*
 * Eval runs (evals/): one row per run, one per case, one per trial and one per
 * assertion, so the admin pages can show a run, group its failures by
 * criterion and drill into one trial's reasons. Results are written once, when
 * a run finishes; only the approval columns change afterwards.
 */

export const EVAL_CASE_STATUSES = ["passed", "failed", "flaky", "errored"] as const;
export const EVAL_TRIAL_STATUSES = ["passed", "failed", "errored"] as const;
export const EVAL_ASSERTION_STATUSES = ["passed", "failed", "skipped"] as const;

const oneOf = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(", "));
const micros = (name: string) => bigint(name, { mode: "number" });

export const evalRuns = pgTable(
  "eval_runs",
  {
    id: text("id").primaryKey(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }).notNull(),
    durationMs: integer("duration_ms").notNull(),
    /** The chain's primary model, and the whole chain in order. */
    modelId: text("model_id").notNull(),
    chain: text("chain").array().notNull(),
    offline: boolean("offline").notNull(),
    judgeModel: text("judge_model"),
    /** Injected faults ("missing_field" at rate 1, seed 1), null for a clean run. */
    faultModes: text("fault_modes").array(),
    faultRate: real("fault_rate"),
    faultSeed: integer("fault_seed"),
    trialsPerCase: smallint("trials_per_case").notNull(),
    concurrency: smallint("concurrency").notNull(),
    filter: text("filter"),
    gitSha: text("git_sha"),
    cases: integer("cases").notNull(),
    passedCases: integer("passed_cases").notNull(),
    failedCases: integer("failed_cases").notNull(),
    flakyCases: integer("flaky_cases").notNull(),
    erroredCases: integer("errored_cases").notNull(),
    passedTrials: integer("passed_trials").notNull(),
    totalTrials: integer("total_trials").notNull(),
    costMicros: micros("cost_micros").notNull(),
    judgeCostMicros: micros("judge_cost_micros").notNull(),
    p50LatencyMs: integer("p50_latency_ms").notNull(),
    p95LatencyMs: integer("p95_latency_ms").notNull(),
    /** Set when an admin approves the run as the baseline; the latest approval is the baseline. */
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    approvedBy: text("approved_by"),
  },
  (table) => [index("eval_runs_started_idx").on(table.startedAt), index("eval_runs_approved_idx").on(table.approvedAt)],
);

export const evalCaseResults = pgTable(
  "eval_case_results",
  {
    runId: text("run_id")
      .notNull()
      .references(() => evalRuns.id, { onDelete: "cascade" }),
    caseId: text("case_id").notNull(),
    /** Order within the run (suite order), so pages list cases as the suite does. */
    position: integer("position").notNull(),
    feature: text("feature").notNull(),
    title: text("title").notNull(),
    tags: text("tags").array().notNull(),
    critical: boolean("critical").notNull(),
    status: text("status", { enum: EVAL_CASE_STATUSES }).notNull(),
    passedTrials: integer("passed_trials").notNull(),
    input: jsonb("input").notNull(),
    expected: jsonb("expected").notNull(),
    /** The criteria in words, in order. */
    criteria: text("criteria").array().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.runId, table.caseId] }),
    check("eval_case_results_status_valid", sql`${table.status} in (${oneOf(EVAL_CASE_STATUSES)})`),
  ],
);

export const evalTrials = pgTable(
  "eval_trials",
  {
    runId: text("run_id").notNull(),
    caseId: text("case_id").notNull(),
    trial: smallint("trial").notNull(),
    status: text("status", { enum: EVAL_TRIAL_STATUSES }).notNull(),
    /** The call log's request id for this trial's model calls. */
    requestId: text("request_id").notNull(),
    modelId: text("model_id"),
    attempts: smallint("attempts").notNull(),
    latencyMs: integer("latency_ms").notNull(),
    inputTokens: integer("input_tokens").notNull(),
    outputTokens: integer("output_tokens").notNull(),
    costMicros: micros("cost_micros").notNull(),
    output: jsonb("output").notNull(),
    error: text("error"),
  },
  (table) => [
    primaryKey({ columns: [table.runId, table.caseId, table.trial] }),
    foreignKey({ columns: [table.runId, table.caseId], foreignColumns: [evalCaseResults.runId, evalCaseResults.caseId] }).onDelete("cascade"),
    check("eval_trials_status_valid", sql`${table.status} in (${oneOf(EVAL_TRIAL_STATUSES)})`),
  ],
);

export const evalAssertions = pgTable(
  "eval_assertions",
  {
    runId: text("run_id").notNull(),
    caseId: text("case_id").notNull(),
    trial: smallint("trial").notNull(),
    /** The criterion's position in its case. */
    position: smallint("position").notNull(),
    kind: text("kind").notNull(),
    label: text("label").notNull(),
    status: text("status", { enum: EVAL_ASSERTION_STATUSES }).notNull(),
    reason: text("reason"),
  },
  (table) => [
    primaryKey({ columns: [table.runId, table.caseId, table.trial, table.position] }),
    foreignKey({ columns: [table.runId, table.caseId, table.trial], foreignColumns: [evalTrials.runId, evalTrials.caseId, evalTrials.trial] }).onDelete("cascade"),
    index("eval_assertions_failed_idx").on(table.runId, table.kind).where(sql`${table.status} = 'failed'`),
    check("eval_assertions_status_valid", sql`${table.status} in (${oneOf(EVAL_ASSERTION_STATUSES)})`),
  ],
);
