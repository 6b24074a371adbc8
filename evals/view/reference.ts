import "server-only";
import type { Db } from "@/db/client";
import { caseStatusesOf, getApprovedEvalRun } from "@/db/queries/evals";
import committedBaseline from "@/evals/baseline.json";
import { BASELINE_FILE, isBaseline } from "../gate/baseline";
import type { StatusMap } from "../compare";

/** What a run's regressions are measured against, and where that came from. */
export type RegressionReference = {
  runId: string;
  /** "approved": a run an admin approved here; "committed": evals/baseline.json, what the CI gate uses. */
  source: "approved" | "committed";
  label: string;
  statuses: StatusMap;
};

/**
 * The baseline the admin pages compare with: the run approved most recently in
 * this database, or else the committed baseline file (the gate's, bundled at
 * build time), so regressions show on a fresh deployment too.
 */
export async function loadRegressionReference({ db }: { db: Db }): Promise<RegressionReference | null> {
  const approved = await getApprovedEvalRun({ db });
  if (approved) {
    return {
      runId: approved.id,
      source: "approved",
      label: `run ${approved.id}, approved${approved.approvedBy ? ` by ${approved.approvedBy}` : ""}`,
      statuses: await caseStatusesOf({ db, runId: approved.id }),
    };
  }
  const committed: unknown = committedBaseline;
  if (!isBaseline(committed)) return null;
  return {
    runId: committed.runId,
    source: "committed",
    label: `${BASELINE_FILE} (run ${committed.runId})`,
    statuses: new Map(Object.entries(committed.cases)),
  };
}
