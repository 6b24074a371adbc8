import "server-only";
import type { Db } from "@/db/client";
import { getEvalRun, listEvalCases, listFailedAssertions, trialTotalsOf, type CaseTrialTotals, type EvalCaseRow, type EvalRunRow } from "@/db/queries/evals";
import { compareRuns, type RunComparison } from "../compare";
import { groupFailuresByCriterion, type FailureGroup } from "./failures";
import { loadRegressionReference, type RegressionReference } from "./reference";

export type RunDetail = {
  run: EvalRunRow;
  cases: (Omit<EvalCaseRow, "input" | "expected"> & { regressed: boolean; totals: CaseTrialTotals | null })[];
  failures: FailureGroup[];
  reference: Pick<RegressionReference, "runId" | "source" | "label"> | null;
  comparison: RunComparison | null;
  tags: string[];
};

/** One run for its page and GET /api/admin/evals/runs/:id: cases, failures by criterion, regressions. */
export async function loadRunDetail({ db, runId }: { db: Db; runId: string }): Promise<RunDetail | null> {
  const run = await getEvalRun({ db, runId });
  if (!run) return null;
  const [cases, failed, totals, reference] = await Promise.all([
    listEvalCases({ db, runId }),
    listFailedAssertions({ db, runId }),
    trialTotalsOf({ db, runId }),
    loadRegressionReference({ db }),
  ]);
  const comparison = reference ? compareRuns(reference.statuses, new Map(cases.map((entry) => [entry.caseId, entry.status]))) : null;
  const regressed = new Set(comparison?.regressed ?? []);
  return {
    run,
    // Inputs can be 20,000 characters: the list leaves them to the case page.
    cases: cases.map(({ input: _input, expected: _expected, ...entry }) => ({ ...entry, regressed: regressed.has(entry.caseId), totals: totals.get(entry.caseId) ?? null })),
    failures: groupFailuresByCriterion(failed),
    reference: reference ? { runId: reference.runId, source: reference.source, label: reference.label } : null,
    comparison,
    tags: [...new Set(cases.flatMap((entry) => entry.tags))].sort(),
  };
}

export const CASE_FILTERS = ["all", "failed", "flaky", "regressed", "errored"] as const;
export type CaseFilter = (typeof CASE_FILTERS)[number];

/** The cases a filter shows: "failed" means did not pass every trial (failed, flaky or errored). */
export function filterRunCases<T extends { status: string; regressed: boolean; tags: string[] }>(cases: readonly T[], { status, tag }: { status: CaseFilter; tag: string | null }): T[] {
  return cases.filter((entry) => {
    if (tag && !entry.tags.includes(tag)) return false;
    switch (status) {
      case "all":
        return true;
      case "failed":
        return entry.status !== "passed";
      case "flaky":
        return entry.status === "flaky";
      case "regressed":
        return entry.regressed;
      case "errored":
        return entry.status === "errored";
    }
  });
}
