import "server-only";
import type { Db } from "@/db/client";
import { caseStatusesOfRuns, listEvalRuns, type EvalRunRow } from "@/db/queries/evals";
import { compareRuns } from "../compare";
import { loadRegressionReference, type RegressionReference } from "./reference";

export type RunsOverview = {
  reference: Pick<RegressionReference, "runId" | "source" | "label"> | null;
  /** Newest first; `regressions` is null when there is no baseline to count against. */
  runs: { run: EvalRunRow; regressions: number | null; isBaseline: boolean }[];
};

/** The runs list (page and GET /api/admin/evals/runs): recent runs, each compared with the baseline. */
export async function loadRunsOverview({ db, limit = 50 }: { db: Db; limit?: number }): Promise<RunsOverview> {
  const [runs, reference] = await Promise.all([listEvalRuns({ db, limit }), loadRegressionReference({ db })]);
  const statuses = await caseStatusesOfRuns({ db, runIds: runs.map((run) => run.id) });
  return {
    reference: reference ? { runId: reference.runId, source: reference.source, label: reference.label } : null,
    runs: runs.map((run) => ({
      run,
      regressions: reference ? compareRuns(reference.statuses, statuses.get(run.id) ?? new Map()).regressed.length : null,
      isBaseline: reference?.runId === run.id,
    })),
  };
}
