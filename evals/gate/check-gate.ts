import { compareRuns } from "../compare";
import type { CaseResult, RunReport } from "../types";
import type { Baseline } from "./baseline";

export type GateConfig = {
  /** Lowest acceptable share of passed trials (0–1). */
  minPassRate: number;
};

/** The committed thresholds; `--min-pass-rate` or EVAL_MIN_PASS_RATE override them for one run. */
export const GATE_CONFIG: GateConfig = { minPassRate: 0.9 };

export type GateCheckName = "critical" | "pass_rate" | "regressions" | "errored_or_missing";

export type GateCheck = { name: GateCheckName; ok: boolean; title: string; detail: string[] };

export type GateResult = {
  passed: boolean;
  checks: GateCheck[];
  /** Case ids behind each failing check, for scripts and tests. */
  criticalFailures: string[];
  regressed: string[];
  errored: string[];
  missing: string[];
  /** Warnings: passed every trial in the baseline, passes only some now. */
  newlyFlaky: string[];
  improved: string[];
  passRate: number;
};

/**
 * The deploy gate over one eval run. It fails when:
 * - a critical case failed any trial (flaky counts as failed for critical cases);
 * - the pass rate (passed trials / all trials) is below the threshold;
 * - a case that passed every trial in the approved baseline now fails;
 * - a case errored (the harness could not run it) or is missing from the run.
 */
export function checkGate({
  report,
  baseline,
  suiteCaseIds,
  config = GATE_CONFIG,
}: {
  report: RunReport;
  baseline: Baseline;
  /** Every case the suite defines now: one absent from the run is missing. */
  suiteCaseIds: readonly string[];
  config?: GateConfig;
}): GateResult {
  const byId = new Map(report.cases.map((entry) => [entry.id, entry]));
  const statuses = new Map(report.cases.map((entry) => [entry.id, entry.status]));

  const critical = report.cases.filter((entry) => entry.critical && entry.status !== "passed");
  const comparison = compareRuns(new Map(Object.entries(baseline.cases)), statuses);
  const errored = report.cases.filter((entry) => entry.status === "errored");
  const missing = suiteCaseIds.filter((id) => !byId.has(id));
  const passRate = report.summary.passRate;
  const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

  const checks: GateCheck[] = [
    {
      name: "critical",
      ok: critical.length === 0,
      title:
        critical.length === 0
          ? `every critical case passed every trial (${report.cases.filter((entry) => entry.critical).length} critical cases)`
          : `${critical.length} critical case${critical.length === 1 ? "" : "s"} failed at least one trial`,
      detail: critical.map(describeFailure),
    },
    {
      name: "pass_rate",
      ok: passRate >= config.minPassRate,
      title: `pass rate ${percent(passRate)} (${report.summary.passedTrials}/${report.summary.totalTrials} trials) ${passRate >= config.minPassRate ? "≥" : "<"} threshold ${percent(config.minPassRate)}`,
      detail: [],
    },
    {
      name: "regressions",
      ok: comparison.regressed.length === 0,
      title:
        comparison.regressed.length === 0
          ? `no regression against the baseline (run ${baseline.runId})`
          : `${comparison.regressed.length} case${comparison.regressed.length === 1 ? "" : "s"} passed in the baseline (run ${baseline.runId}) and fail now`,
      detail: comparison.regressed.map((id) => {
        const entry = byId.get(id);
        return entry ? describeFailure(entry) : id;
      }),
    },
    {
      name: "errored_or_missing",
      ok: errored.length === 0 && missing.length === 0,
      title:
        errored.length === 0 && missing.length === 0
          ? `every case of the suite ran (${suiteCaseIds.length})`
          : `${errored.length} case${errored.length === 1 ? "" : "s"} errored, ${missing.length} missing from the run`,
      detail: [
        ...errored.map((entry) => `${entry.id}: ${entry.trials.find((trial) => trial.error)?.error ?? "errored"}`),
        ...missing.map((id) => `${id}: not in the run${report.filter ? ` (it was filtered with "${report.filter}")` : ""}`),
      ],
    },
  ];
  return {
    passed: checks.every((check) => check.ok),
    checks,
    criticalFailures: critical.map((entry) => entry.id),
    regressed: comparison.regressed,
    errored: errored.map((entry) => entry.id),
    missing,
    newlyFlaky: comparison.newlyFlaky,
    improved: comparison.improved,
    passRate,
  };
}

/** "reply.happy.pgbouncer (0/3 trials passed): output matches the feature's schema — there is no value…" */
export function describeFailure(entry: CaseResult): string {
  const failing = new Map<string, string>();
  for (const trial of entry.trials) {
    if (trial.error && !failing.has("error")) failing.set("error", `errored — ${trial.error}`);
    for (const assertion of trial.assertions) {
      if (assertion.status === "failed" && !failing.has(assertion.label)) failing.set(assertion.label, `${assertion.label} — ${assertion.reason}`);
    }
  }
  const [first = "no failing criterion recorded"] = failing.values();
  const shown = first.length > 160 ? `${first.slice(0, 159)}…` : first;
  const more = failing.size - 1;
  return `${entry.id} (${entry.passedTrials}/${entry.trials.length} trials passed): ${shown}${more > 0 ? ` (+${more} more failing criteria)` : ""}`;
}
