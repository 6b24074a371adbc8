import { describe, expect, it } from "vitest";
import type { CaseResult, CaseStatus, RunReport, TrialResult, TrialStatus } from "../types";
import { summarizeRun } from "../runner/summarize-run";
import type { Baseline } from "./baseline";
import { checkGate } from "./check-gate";

function trial(n: number, status: TrialStatus): TrialResult {
  return {
    trial: n,
    status,
    requestId: `r:${n}`,
    modelId: "offline",
    attempts: 1,
    latencyMs: 1000,
    inputTokens: 100,
    outputTokens: 50,
    costMicros: 45,
    output: status === "passed" ? { summary: "ok" } : { error: { code: "invalid_output:model", message: "bad" } },
    error: status === "errored" ? "TypeError: boom" : null,
    assertions:
      status === "errored" ? [] : [{ kind: "schema", label: "output matches the feature's schema", status: status === "passed" ? "passed" : "failed", reason: status === "passed" ? null : "there is no value" }],
  };
}

/** A case whose trials end as given, e.g. ["passed", "failed", "passed"]. */
function result(id: string, trials: TrialStatus[], critical = false): CaseResult {
  const list = trials.map((status, index) => trial(index + 1, status));
  const passed = list.filter((entry) => entry.status === "passed").length;
  const status: CaseStatus = trials.includes("errored") ? "errored" : passed === list.length ? "passed" : passed === 0 ? "failed" : "flaky";
  return { id, feature: "reply", title: id, tags: [], critical, status, passedTrials: passed, input: {}, expected: {}, criteria: [], trials: list };
}

function report(cases: CaseResult[]): RunReport {
  return {
    version: 1,
    runId: "now",
    startedAt: "",
    finishedAt: "",
    durationMs: 0,
    model: { primary: "offline", chain: ["offline"], offline: true },
    judgeModel: null,
    faults: null,
    trialsPerCase: 3,
    concurrency: 8,
    filter: null,
    gitSha: null,
    summary: summarizeRun(cases, 0),
    cases,
  };
}

const baseline = (cases: Record<string, CaseStatus>): Baseline => ({
  version: 1,
  runId: "base",
  approvedAt: "",
  approvedBy: "test",
  model: "offline",
  trialsPerCase: 3,
  cases,
});

const allPass = ["passed", "passed", "passed"] as TrialStatus[];
const ids = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];

describe("checkGate", () => {
  it("passes a run where every case passes", () => {
    const run = report(ids.map((id) => result(id, allPass)));
    const gate = checkGate({ report: run, baseline: baseline(Object.fromEntries(ids.map((id) => [id, "passed"]))), suiteCaseIds: ids });
    expect(gate.passed).toBe(true);
    expect(gate.checks.map((check) => check.ok)).toEqual([true, true, true, true]);
  });

  it("fails when a critical case fails one trial of three, even though the pass rate holds", () => {
    const cases = ids.map((id) => result(id, allPass, id === "a"));
    cases[0] = result("a", ["passed", "failed", "passed"], true);
    const gate = checkGate({ report: report(cases), baseline: baseline({}), suiteCaseIds: ids, config: { minPassRate: 0.9 } });
    expect(gate.passed).toBe(false);
    expect(gate.criticalFailures).toEqual(["a"]);
    expect(gate.checks.find((check) => check.name === "critical")?.detail[0]).toMatch(/^a \(2\/3 trials passed\): output matches the feature's schema — there is no value/);
    expect(gate.checks.find((check) => check.name === "pass_rate")?.ok).toBe(true);
  });

  it("fails when the pass rate (passed trials / trials) drops below the threshold", () => {
    const cases = ids.map((id, index) => result(id, index < 2 ? ["failed", "failed", "passed"] : allPass));
    const gate = checkGate({ report: report(cases), baseline: baseline({}), suiteCaseIds: ids, config: { minPassRate: 0.9 } });
    expect(gate.passRate).toBeCloseTo(26 / 30);
    expect(gate.passed).toBe(false);
    expect(gate.checks.find((check) => check.name === "pass_rate")?.title).toBe("pass rate 86.7% (26/30 trials) < threshold 90.0%");
  });

  it("names the cases that passed in the baseline and fail now; a newly flaky case is a warning, an improvement is noted", () => {
    const cases = ids.map((id) => result(id, allPass));
    cases[1] = result("b", ["failed", "failed", "failed"]);
    cases[2] = result("c", ["passed", "failed", "passed"]);
    const gate = checkGate({
      report: report(cases),
      baseline: baseline({ ...Object.fromEntries(ids.map((id) => [id, "passed"])), d: "failed" }),
      suiteCaseIds: ids,
      config: { minPassRate: 0 },
    });
    expect(gate.passed).toBe(false);
    expect(gate.regressed).toEqual(["b"]);
    expect(gate.newlyFlaky).toEqual(["c"]);
    expect(gate.improved).toEqual(["d"]);
    expect(gate.checks.find((check) => check.name === "regressions")?.title).toBe("1 case passed in the baseline (run base) and fail now");
  });

  it("fails when a case errored or is missing from the run (a filtered run cannot pass the gate)", () => {
    const cases = ids.slice(0, 9).map((id) => result(id, allPass));
    cases[0] = result("a", ["passed", "errored", "passed"]);
    const gate = checkGate({ report: { ...report(cases), filter: "reply" }, baseline: baseline({}), suiteCaseIds: ids, config: { minPassRate: 0 } });
    expect(gate.passed).toBe(false);
    expect(gate.errored).toEqual(["a"]);
    expect(gate.missing).toEqual(["j"]);
    expect(gate.checks.find((check) => check.name === "errored_or_missing")?.detail).toEqual([
      "a: TypeError: boom",
      'j: not in the run (it was filtered with "reply")',
    ]);
  });
});
