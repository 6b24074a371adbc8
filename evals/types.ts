import type { ErrorCode } from "@/lib/errors";

/*
 * The shapes of the eval suite, shared by the cases, the runner, the gate and
 * the admin pages (so nothing here imports server code).
 */

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * What one trial produced, as criteria see it: the feature's validated value,
 * or `{ error: { code, message } }` when the pipeline refused the input or
 * every attempt failed.
 */
export type TrialOutput = JsonObject;

/** A field of the output a criterion reads: a top-level field, its length, or the error. */
export type FieldPath<T> = Extract<keyof T, string> | `${Extract<keyof T, string>}.length` | "error.code" | "error.message";

/** How a text criterion matches: normalized (case, accents' width, punctuation and spacing ignored) or a regex. */
export type TextPattern = { normalized: string; mode: "equals" | "contains" } | { regex: RegExp };

/**
 * The closed set of pass criteria. Each one, when it fails, says why in a
 * sentence (see evals/criteria/check.ts); adding a kind means adding its check,
 * its label and its reason there.
 */
export type Criterion =
  | { kind: "schema" }
  | { kind: "equals"; path: string; value: Json }
  | { kind: "text"; path: string; pattern: TextPattern }
  | { kind: "range"; path: string; min?: number; max?: number }
  | { kind: "contains"; path: string; values: readonly string[]; match: "all" | "any"; substring: boolean }
  | { kind: "excludes"; path: string; values: readonly string[] }
  | { kind: "must_not_contain"; values: readonly (string | RegExp)[]; paths?: readonly string[] }
  | { kind: "latency"; maxMs: number }
  | { kind: "cost"; maxMicros: number }
  | { kind: "judge"; rubric: string };

export type CriterionKind = Criterion["kind"];

/** What a case expects: a reference output (a partial of the feature's value), or a refusal's error code. */
export type Expected<Output> = Partial<Output> | { error: { code: ErrorCode } };

/**
 * One eval case. The id is stable (results are compared by it across runs and
 * against the baseline), so rename a case only when it means something else.
 */
export type EvalCase<Input, Output> = {
  /** `feature.group.name`, e.g. `reply.happy.pgbouncer`. */
  id: string;
  /** What the case checks, in a sentence. */
  title: string;
  /** Filterable groups: happy, edge, adversarial, refusal, non-english, long… */
  tags: readonly string[];
  /** A critical case fails the gate when any trial fails, whatever the pass rate. */
  critical: boolean;
  input: Input;
  /** A reference answer shown next to the actual one (the diff); criteria decide pass or fail. */
  expected: Expected<Output>;
  criteria: readonly Criterion[];
};

export type AssertionStatus = "passed" | "failed" | "skipped";

export type AssertionResult = {
  kind: CriterionKind;
  /** The criterion in words: "tags contains any of postgres, pgbouncer". */
  label: string;
  status: AssertionStatus;
  /** Why it failed or was skipped; null when it passed. */
  reason: string | null;
};

/** A trial passes when no criterion failed; it errors when the harness itself could not run it. */
export type TrialStatus = "passed" | "failed" | "errored";

export type TrialResult = {
  trial: number;
  status: TrialStatus;
  /** The request id the call log knows this trial's model calls by. */
  requestId: string;
  /** Model that produced the output (after any fallback); null when no model was called. */
  modelId: string | null;
  /** Model calls made (retries and fallbacks included); 0 for a refusal. */
  attempts: number;
  latencyMs: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
  output: TrialOutput;
  /** The harness error of an errored trial. */
  error: string | null;
  assertions: AssertionResult[];
};

/**
 * passed: every trial passed; failed: none did; flaky: some did;
 * errored: at least one trial could not be run at all.
 */
export type CaseStatus = "passed" | "failed" | "flaky" | "errored";

export type CaseResult = {
  id: string;
  feature: string;
  title: string;
  tags: string[];
  critical: boolean;
  status: CaseStatus;
  passedTrials: number;
  input: Json;
  expected: Json;
  /** The criteria in words, in order. */
  criteria: string[];
  trials: TrialResult[];
};

export type RunSummary = {
  cases: number;
  passed: number;
  failed: number;
  flaky: number;
  errored: number;
  passedTrials: number;
  totalTrials: number;
  /** passedTrials / totalTrials: the chance one call passes, so a flaky case counts for what it passed. */
  passRate: number;
  /** Feature calls only (what the cost ceilings judge); the judge's calls are counted apart. */
  costMicros: number;
  judgeCostMicros: number;
  /** Over trials that called a model (refusals would pull it towards zero). */
  p50LatencyMs: number;
  p95LatencyMs: number;
};

export type FaultSetting = { modes: string[]; rate: number; seed: number };

export type RunReport = {
  version: 1;
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  model: { primary: string; chain: string[]; offline: boolean };
  /** The LLM judge's model, or null when only the offline model is configured (judge criteria are skipped). */
  judgeModel: string | null;
  faults: FaultSetting | null;
  trialsPerCase: number;
  concurrency: number;
  filter: string | null;
  gitSha: string | null;
  summary: RunSummary;
  cases: CaseResult[];
};
