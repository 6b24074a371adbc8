import type { AttemptFailure } from "@/lib/ai/classify-failure";
import type { CallSource } from "@/db/schema";
import { costMicros, findPrice, type ModelPrice } from "@/lib/budget/prices";
import { usageFromAttempts } from "@/lib/budget/usage";
import { classifyOutcome, type AttemptSummary, type ClassifiedOutcome } from "./outcome";

/** One call-log row before it is written (the table's columns, minus the id). */
export type CallRow = ClassifiedOutcome & {
  createdAt: Date;
  requestId: string;
  attempt: number;
  source: CallSource;
  userId: string;
  chatId: string | null;
  feature: string;
  provider: string;
  modelId: string;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
  latencyMs: number;
  firstTokenMs: number | null;
  repairs: string[];
  fault: string | null;
};

/** The attempt loop's record of one attempt (a structural subset of lib/structured's AttemptRecord). */
export type LoggedAttempt = AttemptSummary & {
  attempt: number;
  modelId: string;
  fault: string | null;
  result: AttemptSummary["result"] & {
    text: string;
    usage?: { inputTokens: number | undefined; outputTokens: number | undefined };
    firstChunkMs?: number;
    durationMs: number;
  };
};

export type RequestFacts = {
  requestId: string;
  source: CallSource;
  userId: string;
  chatId: string | null;
  feature: string;
  /** Provider name of each model id of the chain ("openai.chat", "offline"). */
  providerOf: (modelId: string) => string;
  /** The model id the price table knows a model by (every offline instance is "offline"). */
  priceIdOf: (modelId: string) => string;
  /** The input tokens admission counted: the estimate when a stream broke before the provider reported usage. */
  inputTokens: number;
  countTokens: (text: string) => number;
  extraPrices?: readonly ModelPrice[];
  /** When the request started; each attempt's start is derived from the durations before it. */
  startedAt: Date;
};

function repairsOf(result: LoggedAttempt["result"]): string[] {
  if (result.ok) return [...result.repairs];
  const failure: AttemptFailure = result.failure;
  return failure.kind === "invalid_output" ? [...failure.error.repairs] : [];
}

/**
 * One call-log row per attempt. Tokens are counted exactly as settle counts
 * them (usageFromAttempts), so the log's totals and the budget ledger agree;
 * the cost uses the price in force when the attempt started.
 */
export function callRowsFromAttempts(facts: RequestFacts, attempts: readonly LoggedAttempt[]): CallRow[] {
  const usage = usageFromAttempts({ attempts, inputTokens: facts.inputTokens, countTokens: facts.countTokens });
  let offsetMs = 0;
  return attempts.map((attempt, index) => {
    const used = usage[index] ?? { inputTokens: 0, outputTokens: 0 };
    const createdAt = new Date(facts.startedAt.getTime() + offsetMs);
    offsetMs += attempt.result.durationMs;
    const price = findPrice({ modelId: facts.priceIdOf(attempt.modelId), at: createdAt, extra: facts.extraPrices });
    return {
      ...classifyOutcome(attempt),
      createdAt,
      requestId: facts.requestId,
      attempt: attempt.attempt,
      source: facts.source,
      userId: facts.userId,
      chatId: facts.chatId,
      feature: facts.feature,
      provider: facts.providerOf(attempt.modelId),
      modelId: attempt.modelId,
      inputTokens: used.inputTokens,
      outputTokens: used.outputTokens,
      // Admission refuses unpriced models, so a missing price here means the table changed mid-request.
      costMicros: price ? costMicros({ price, inputTokens: used.inputTokens, outputTokens: used.outputTokens }) : 0,
      latencyMs: Math.max(0, Math.round(attempt.result.durationMs)),
      firstTokenMs: attempt.result.firstChunkMs === undefined ? null : Math.max(0, Math.round(attempt.result.firstChunkMs)),
      repairs: repairsOf(attempt.result),
      fault: attempt.fault,
    };
  });
}

/** The row for a request refused by its budget before any model was called. */
export function budgetDeniedRow({
  requestId,
  source,
  userId,
  chatId,
  feature,
  provider,
  modelId,
  code,
  message,
  at = new Date(),
}: {
  requestId: string;
  source: CallSource;
  userId: string;
  chatId: string | null;
  feature: string;
  provider: string;
  modelId: string;
  code: string;
  message: string;
  at?: Date;
}): CallRow {
  return {
    outcome: "budget_denied",
    errorClass: code,
    errorMessage: message.slice(0, 500),
    createdAt: at,
    requestId,
    attempt: 0,
    source,
    userId,
    chatId,
    feature,
    provider,
    modelId,
    inputTokens: 0,
    outputTokens: 0,
    costMicros: 0,
    latencyMs: 0,
    firstTokenMs: null,
    repairs: [],
    fault: null,
  };
}
