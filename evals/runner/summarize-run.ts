import type { CaseResult, CaseStatus, RunSummary, TrialResult } from "../types";

/** A case's status from its trials: see CaseStatus. */
export function caseStatus(trials: readonly TrialResult[]): CaseStatus {
  if (trials.some((trial) => trial.status === "errored")) return "errored";
  const passed = trials.filter((trial) => trial.status === "passed").length;
  if (passed === trials.length) return "passed";
  return passed === 0 ? "failed" : "flaky";
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}

export function summarizeRun(cases: readonly CaseResult[], judgeCostMicros: number): RunSummary {
  const trials = cases.flatMap((entry) => entry.trials);
  const count = (status: CaseStatus) => cases.filter((entry) => entry.status === status).length;
  const passedTrials = trials.filter((trial) => trial.status === "passed").length;
  const modelLatencies = trials.filter((trial) => trial.attempts > 0).map((trial) => trial.latencyMs);
  return {
    cases: cases.length,
    passed: count("passed"),
    failed: count("failed"),
    flaky: count("flaky"),
    errored: count("errored"),
    passedTrials,
    totalTrials: trials.length,
    passRate: trials.length === 0 ? 0 : passedTrials / trials.length,
    costMicros: trials.reduce((sum, trial) => sum + trial.costMicros, 0),
    judgeCostMicros,
    p50LatencyMs: percentile(modelLatencies, 50),
    p95LatencyMs: percentile(modelLatencies, 95),
  };
}
