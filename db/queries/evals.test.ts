import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import type { CaseResult, RunReport } from "@/evals/types";
import { approveEvalRun, caseStatusesOf, getApprovedEvalRun, getEvalCaseDetail, listEvalCases, listEvalRuns, listFailedAssertions, saveEvalRun } from "./evals";

const passedCase: CaseResult = {
  id: "reply.happy.a",
  feature: "reply",
  title: "A",
  tags: ["happy"],
  critical: true,
  status: "passed",
  passedTrials: 1,
  input: { message: "q" },
  expected: { tags: ["x"] },
  criteria: ["output matches the feature's schema"],
  trials: [
    {
      trial: 1,
      status: "passed",
      requestId: "run-1:reply.happy.a:1",
      modelId: "offline",
      attempts: 1,
      latencyMs: 900,
      inputTokens: 120,
      outputTokens: 80,
      costMicros: 66,
      output: { answer: "a", summary: "s", tags: ["x"], confidence: 0.5 },
      error: null,
      assertions: [{ kind: "schema", label: "output matches the feature's schema", status: "passed", reason: null }],
    },
  ],
};
const failedCase: CaseResult = {
  ...passedCase,
  id: "reply.edge.b",
  critical: false,
  status: "failed",
  passedTrials: 0,
  trials: [
    {
      ...passedCase.trials[0]!,
      requestId: "run-1:reply.edge.b:1",
      status: "failed",
      output: { error: { code: "invalid_output:model", message: "bad" } },
      assertions: [
        { kind: "schema", label: "output matches the feature's schema", status: "failed", reason: "there is no value" },
        { kind: "judge", label: "judge: x", status: "skipped", reason: "offline" },
      ],
    },
  ],
};

function report(runId: string, startedAt: string): RunReport {
  return {
    version: 1,
    runId,
    startedAt,
    finishedAt: startedAt,
    durationMs: 1000,
    model: { primary: "offline", chain: ["offline"], offline: true },
    judgeModel: null,
    faults: { modes: ["missing_field"], rate: 1, seed: 1 },
    trialsPerCase: 1,
    concurrency: 8,
    filter: null,
    gitSha: "abc1234",
    summary: { cases: 2, passed: 1, failed: 1, flaky: 0, errored: 0, passedTrials: 1, totalTrials: 2, passRate: 0.5, costMicros: 132, judgeCostMicros: 0, p50LatencyMs: 900, p95LatencyMs: 900 },
    cases: [passedCase, failedCase],
  };
}

describe("eval run storage", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openDb({ dataDir: "memory://" });
  });
  afterAll(async () => {
    await handle.close();
  });

  it("stores a run whole and reads back its cases, trials, assertions and failures", async () => {
    const { db } = handle;
    await saveEvalRun({ db, report: report("run-1", "2026-11-01T10:00:00.000Z") });
    await saveEvalRun({ db, report: report("run-2", "2026-11-02T10:00:00.000Z") });

    const runs = await listEvalRuns({ db });
    expect(runs.map((run) => run.id)).toEqual(["run-2", "run-1"]);
    expect(runs[0]).toMatchObject({ passedTrials: 1, totalTrials: 2, costMicros: 132, faultModes: ["missing_field"], p95LatencyMs: 900 });

    expect((await listEvalCases({ db, runId: "run-1" })).map((entry) => entry.caseId)).toEqual(["reply.happy.a", "reply.edge.b"]);
    expect(await caseStatusesOf({ db, runId: "run-1" })).toEqual(new Map([["reply.happy.a", "passed"], ["reply.edge.b", "failed"]]));
    expect(await listFailedAssertions({ db, runId: "run-1" })).toMatchObject([{ caseId: "reply.edge.b", kind: "schema", reason: "there is no value" }]);

    const detail = await getEvalCaseDetail({ db, runId: "run-1", caseId: "reply.edge.b" });
    expect(detail?.case).toMatchObject({ title: "A", input: { message: "q" }, expected: { tags: ["x"] } });
    expect(detail?.trials[0]).toMatchObject({ status: "failed", output: { error: { code: "invalid_output:model" } } });
    expect(detail?.trials[0]?.assertions.map((assertion) => assertion.status)).toEqual(["failed", "skipped"]);
    expect(await getEvalCaseDetail({ db, runId: "run-1", caseId: "nope" })).toBeNull();
  });

  it("the latest approval is the baseline", async () => {
    const { db } = handle;
    expect(await getApprovedEvalRun({ db })).toBeNull();
    await approveEvalRun({ db, runId: "run-2", approvedBy: "admin-1", at: new Date("2026-11-03T00:00:00Z") });
    await approveEvalRun({ db, runId: "run-1", approvedBy: "admin-2", at: new Date("2026-11-04T00:00:00Z") });
    expect(await getApprovedEvalRun({ db })).toMatchObject({ id: "run-1", approvedBy: "admin-2" });
    expect(await approveEvalRun({ db, runId: "missing", approvedBy: "x" })).toBeNull();
  });
});
