import "server-only";
import pLimit from "p-limit";
import type { ChainModel } from "@/lib/ai/registry";
import { BallastError } from "@/lib/errors";
import type { AttemptPolicy } from "@/lib/structured/run-attempts";
import { checkCriteria, type Judge } from "../criteria/check";
import { describeCriterion } from "../criteria/describe";
import type { FeatureCall } from "../pipeline/call-feature";
import type { RunnableCase } from "../suites";
import type { CaseResult, FaultSetting, RunReport, TrialResult } from "../types";
import { faultPickerForTrial } from "./faults";
import { caseStatus, summarizeRun } from "./summarize-run";

export type RunSuiteOptions = {
  runId: string;
  cases: readonly RunnableCase[];
  trials: number;
  concurrency: number;
  chain: readonly ChainModel[];
  /** True when the chain is the built-in offline model (no judge, nominal prices). */
  offline: boolean;
  policy: AttemptPolicy;
  faults: FaultSetting | null;
  judge: { judge: Judge; modelId: string; costMicros: () => number } | null;
  filter: string | null;
  gitSha: string | null;
  onTrialEnd?: (event: { caseId: string; trial: TrialResult }) => void;
  onCaseEnd?: (result: CaseResult) => void;
};

/**
 * Runs every case `trials` times, at most `concurrency` trials at once, and
 * returns the whole run. One trial's failure never stops the others: a case
 * that throws is recorded as errored with what it threw.
 */
export async function runSuite(options: RunSuiteOptions): Promise<RunReport> {
  const started = new Date();
  const limit = pLimit(options.concurrency);
  const primary = options.chain[0];
  const results = await Promise.all(
    options.cases.map(async (entry): Promise<CaseResult> => {
      const trials = await Promise.all(
        Array.from({ length: options.trials }, (_, index) =>
          limit(async () => {
            const trial = await runTrial(entry, index + 1, options);
            options.onTrialEnd?.({ caseId: entry.id, trial });
            return trial;
          }),
        ),
      );
      const result: CaseResult = {
        id: entry.id,
        feature: entry.feature,
        title: entry.title,
        tags: [...entry.tags],
        critical: entry.critical,
        status: caseStatus(trials),
        passedTrials: trials.filter((trial) => trial.status === "passed").length,
        input: entry.input,
        expected: entry.expected,
        criteria: entry.criteria.map(describeCriterion),
        trials,
      };
      options.onCaseEnd?.(result);
      return result;
    }),
  );
  const finished = new Date();
  return {
    version: 1,
    runId: options.runId,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    model: { primary: primary?.id ?? "none", chain: options.chain.map((entry) => entry.id), offline: options.offline },
    judgeModel: options.judge?.modelId ?? null,
    faults: options.faults,
    trialsPerCase: options.trials,
    concurrency: options.concurrency,
    filter: options.filter,
    gitSha: options.gitSha,
    summary: summarizeRun(results, options.judge?.costMicros() ?? 0),
    cases: results,
  };
}

async function runTrial(entry: RunnableCase, trial: number, options: RunSuiteOptions): Promise<TrialResult> {
  const requestId = `${options.runId}:${entry.id}:${trial}`;
  const started = performance.now();
  const base = { trial, requestId };
  try {
    const call = await entry
      .run({ chain: options.chain, policy: options.policy, pickFault: faultPickerForTrial(options.faults, entry.id, trial), requestId })
      .catch(refusalOrRethrow);
    const latencyMs = Math.round(performance.now() - started);
    const assertions = await checkCriteria(entry.criteria, {
      output: call.output,
      input: entry.input,
      schema: entry.schema,
      latencyMs,
      costMicros: call.costMicros,
      unpricedModels: call.unpricedModels,
      judge: options.judge?.judge ?? null,
    });
    return {
      ...base,
      status: assertions.some((assertion) => assertion.status === "failed") ? "failed" : "passed",
      modelId: call.modelId,
      attempts: call.attempts,
      latencyMs,
      inputTokens: call.inputTokens,
      outputTokens: call.outputTokens,
      costMicros: call.costMicros,
      output: call.output,
      error: null,
      assertions,
    };
  } catch (error) {
    return {
      ...base,
      status: "errored",
      modelId: null,
      attempts: 0,
      latencyMs: Math.round(performance.now() - started),
      inputTokens: 0,
      outputTokens: 0,
      costMicros: 0,
      output: {},
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      assertions: [],
    };
  }
}

/** A typed refusal (empty, too long) is the pipeline's answer, recorded as output; anything else is a harness error. */
function refusalOrRethrow(error: unknown): FeatureCall {
  if (!(error instanceof BallastError)) throw error;
  return {
    output: { error: { code: error.code, message: error.message } },
    modelId: null,
    attempts: 0,
    inputTokens: 0,
    outputTokens: 0,
    costMicros: 0,
    unpricedModels: [],
  };
}
