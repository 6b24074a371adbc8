import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, max, sql, sum } from "drizzle-orm";
import type { Db } from "@/db/client";
import { evalAssertions, evalCaseResults, evalRuns, evalTrials } from "@/db/schema";
import type { AssertionStatus, CaseStatus, Json, RunReport, TrialOutput, TrialStatus } from "@/evals/types";

export type EvalRunRow = typeof evalRuns.$inferSelect;
export type EvalCaseRow = Omit<typeof evalCaseResults.$inferSelect, "input" | "expected" | "status"> & {
  status: CaseStatus;
  input: Json;
  expected: Json;
};
export type EvalTrialRow = Omit<typeof evalTrials.$inferSelect, "output" | "status"> & { status: TrialStatus; output: TrialOutput };
export type EvalAssertionRow = Omit<typeof evalAssertions.$inferSelect, "status"> & { status: AssertionStatus };

/** Rows per insert: well under Postgres's 65,535 bind parameters whatever the row width. */
const CHUNK = 500;

async function insertChunked<Row>(rows: readonly Row[], insert: (chunk: Row[]) => Promise<unknown>): Promise<void> {
  for (let index = 0; index < rows.length; index += CHUNK) await insert(rows.slice(index, index + CHUNK));
}

/** Stores a finished run whole (run, cases, trials, assertions) in one transaction: a page never sees half a run. */
export async function saveEvalRun({ db, report }: { db: Db; report: RunReport }): Promise<void> {
  const { summary } = report;
  await db.transaction(async (tx) => {
    await tx.insert(evalRuns).values({
      id: report.runId,
      startedAt: new Date(report.startedAt),
      finishedAt: new Date(report.finishedAt),
      durationMs: report.durationMs,
      modelId: report.model.primary,
      chain: report.model.chain,
      offline: report.model.offline,
      judgeModel: report.judgeModel,
      faultModes: report.faults?.modes ?? null,
      faultRate: report.faults?.rate ?? null,
      faultSeed: report.faults?.seed ?? null,
      trialsPerCase: report.trialsPerCase,
      concurrency: report.concurrency,
      filter: report.filter,
      gitSha: report.gitSha,
      cases: summary.cases,
      passedCases: summary.passed,
      failedCases: summary.failed,
      flakyCases: summary.flaky,
      erroredCases: summary.errored,
      passedTrials: summary.passedTrials,
      totalTrials: summary.totalTrials,
      costMicros: summary.costMicros,
      judgeCostMicros: summary.judgeCostMicros,
      p50LatencyMs: summary.p50LatencyMs,
      p95LatencyMs: summary.p95LatencyMs,
    });
    const runId = report.runId;
    await insertChunked(
      report.cases.map((entry, position) => ({
        runId,
        caseId: entry.id,
        position,
        feature: entry.feature,
        title: entry.title,
        tags: entry.tags,
        critical: entry.critical,
        status: entry.status,
        passedTrials: entry.passedTrials,
        input: entry.input,
        expected: entry.expected,
        criteria: entry.criteria,
      })),
      (rows) => tx.insert(evalCaseResults).values(rows),
    );
    const trials = report.cases.flatMap((entry) => entry.trials.map((trial) => ({ caseId: entry.id, trial })));
    await insertChunked(
      trials.map(({ caseId, trial }) => ({
        runId,
        caseId,
        trial: trial.trial,
        status: trial.status,
        requestId: trial.requestId,
        modelId: trial.modelId,
        attempts: trial.attempts,
        latencyMs: trial.latencyMs,
        inputTokens: trial.inputTokens,
        outputTokens: trial.outputTokens,
        costMicros: trial.costMicros,
        output: trial.output,
        error: trial.error,
      })),
      (rows) => tx.insert(evalTrials).values(rows),
    );
    await insertChunked(
      trials.flatMap(({ caseId, trial }) =>
        trial.assertions.map((assertion, position) => ({
          runId,
          caseId,
          trial: trial.trial,
          position,
          kind: assertion.kind,
          label: assertion.label,
          status: assertion.status,
          reason: assertion.reason,
        })),
      ),
      (rows) => tx.insert(evalAssertions).values(rows),
    );
  });
}

/** The most recent runs first. */
export async function listEvalRuns({ db, limit = 50 }: { db: Db; limit?: number }): Promise<EvalRunRow[]> {
  return db.select().from(evalRuns).orderBy(desc(evalRuns.startedAt)).limit(limit);
}

export async function getEvalRun({ db, runId }: { db: Db; runId: string }): Promise<EvalRunRow | null> {
  const [row] = await db.select().from(evalRuns).where(eq(evalRuns.id, runId)).limit(1);
  return row ?? null;
}

/** The approved baseline: the run approved most recently, or null when none has been. */
export async function getApprovedEvalRun({ db }: { db: Db }): Promise<EvalRunRow | null> {
  const [row] = await db.select().from(evalRuns).where(isNotNull(evalRuns.approvedAt)).orderBy(desc(evalRuns.approvedAt)).limit(1);
  return row ?? null;
}

/** Marks a run as the baseline (the latest approval wins); null when there is no such run. */
export async function approveEvalRun({ db, runId, approvedBy, at = new Date() }: { db: Db; runId: string; approvedBy: string; at?: Date }): Promise<EvalRunRow | null> {
  const [row] = await db.update(evalRuns).set({ approvedAt: at, approvedBy }).where(eq(evalRuns.id, runId)).returning();
  return row ?? null;
}

/** A run's cases in suite order. */
export async function listEvalCases({ db, runId }: { db: Db; runId: string }): Promise<EvalCaseRow[]> {
  const rows = await db.select().from(evalCaseResults).where(eq(evalCaseResults.runId, runId)).orderBy(asc(evalCaseResults.position));
  return rows.map(asCaseRow);
}

/** Case id → status of a run: what regressions are computed from. */
export async function caseStatusesOf({ db, runId }: { db: Db; runId: string }): Promise<Map<string, CaseStatus>> {
  const rows = await db
    .select({ caseId: evalCaseResults.caseId, status: evalCaseResults.status })
    .from(evalCaseResults)
    .where(eq(evalCaseResults.runId, runId));
  return new Map(rows.map((row) => [row.caseId, row.status]));
}

/** Case statuses of several runs at once (the runs list compares each with the baseline). */
export async function caseStatusesOfRuns({ db, runIds }: { db: Db; runIds: readonly string[] }): Promise<Map<string, Map<string, CaseStatus>>> {
  const byRun = new Map<string, Map<string, CaseStatus>>(runIds.map((id) => [id, new Map()]));
  if (runIds.length === 0) return byRun;
  const rows = await db
    .select({ runId: evalCaseResults.runId, caseId: evalCaseResults.caseId, status: evalCaseResults.status })
    .from(evalCaseResults)
    .where(inArray(evalCaseResults.runId, [...runIds]));
  for (const row of rows) byRun.get(row.runId)?.set(row.caseId, row.status);
  return byRun;
}

export type CaseTrialTotals = { maxLatencyMs: number; costMicros: number; tokens: number };

/** Per case of a run: its slowest trial, and the cost and tokens of all its trials. */
export async function trialTotalsOf({ db, runId }: { db: Db; runId: string }): Promise<Map<string, CaseTrialTotals>> {
  const rows = await db
    .select({
      caseId: evalTrials.caseId,
      maxLatencyMs: max(evalTrials.latencyMs),
      costMicros: sum(evalTrials.costMicros).mapWith(Number),
      tokens: sql<number>`sum(${evalTrials.inputTokens} + ${evalTrials.outputTokens})`.mapWith(Number),
    })
    .from(evalTrials)
    .where(eq(evalTrials.runId, runId))
    .groupBy(evalTrials.caseId);
  return new Map(rows.map((row) => [row.caseId, { maxLatencyMs: row.maxLatencyMs ?? 0, costMicros: row.costMicros, tokens: row.tokens }]));
}

/** Every failed assertion of a run (for "failures by criterion"). */
export async function listFailedAssertions({ db, runId }: { db: Db; runId: string }): Promise<EvalAssertionRow[]> {
  const rows = await db
    .select()
    .from(evalAssertions)
    .where(and(eq(evalAssertions.runId, runId), eq(evalAssertions.status, "failed")))
    .orderBy(asc(evalAssertions.caseId), asc(evalAssertions.trial), asc(evalAssertions.position));
  return rows as EvalAssertionRow[];
}

export type EvalCaseDetail = { case: EvalCaseRow; trials: (EvalTrialRow & { assertions: EvalAssertionRow[] })[] };

/** One case of a run with every trial and every assertion. */
export async function getEvalCaseDetail({ db, runId, caseId }: { db: Db; runId: string; caseId: string }): Promise<EvalCaseDetail | null> {
  const [row] = await db
    .select()
    .from(evalCaseResults)
    .where(and(eq(evalCaseResults.runId, runId), eq(evalCaseResults.caseId, caseId)))
    .limit(1);
  if (!row) return null;
  const [trials, assertions] = await Promise.all([
    db.select().from(evalTrials).where(and(eq(evalTrials.runId, runId), eq(evalTrials.caseId, caseId))).orderBy(asc(evalTrials.trial)),
    db
      .select()
      .from(evalAssertions)
      .where(and(eq(evalAssertions.runId, runId), eq(evalAssertions.caseId, caseId)))
      .orderBy(asc(evalAssertions.trial), asc(evalAssertions.position)),
  ]);
  return {
    case: asCaseRow(row),
    trials: trials.map((trial) => ({
      ...trial,
      status: trial.status,
      output: trial.output as TrialOutput,
      assertions: assertions.filter((assertion) => assertion.trial === trial.trial) as EvalAssertionRow[],
    })),
  };
}

function asCaseRow(row: typeof evalCaseResults.$inferSelect): EvalCaseRow {
  return { ...row, input: row.input as Json, expected: row.expected as Json };
}
