import "server-only";
import type { ModelMessage } from "ai";
import type { z } from "zod";
import type { FaultMode } from "@/lib/ai/faults";
import { priceIdOf, type ChainModel } from "@/lib/ai/registry";
import { getBudgetConfig } from "@/lib/budget/limits";
import { costMicros, findPrice } from "@/lib/budget/prices";
import { usageFromAttempts } from "@/lib/budget/usage";
import { countTokens } from "@/lib/context/count-tokens";
import type { Feature } from "@/lib/features/define-feature";
import { runAttempts, type AttemptPolicy, type AttemptRecord } from "@/lib/structured/run-attempts";
import { logAttempts } from "@/lib/telemetry/call-log";
import type { JsonObject } from "../types";

/** What every eval trial gets from the runner: the app's model chain and attempt policy, and its own fault picker. */
export type TrialContext = {
  chain: readonly ChainModel[];
  policy: AttemptPolicy;
  pickFault?: () => FaultMode | null;
  /** Also the call log's request id, so a trial's model calls can be found there. */
  requestId: string;
};

export type FeatureCall = {
  output: JsonObject;
  modelId: string | null;
  attempts: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
  /** Models of this call without a known price: their cost is unknown, not zero. */
  unpricedModels: string[];
};

/**
 * The request path's model step as the app runs it (the attempt loop with
 * repair, retry with feedback, backoff and fallback), minus budget admission:
 * evals are not paid for out of a user's budget, but every attempt is logged
 * to the call log tagged `source: "eval"`, so the usage page still sees them.
 */
export async function callFeature<Schema extends z.ZodType>({
  context,
  feature,
  messages,
  shrinkMessages,
  inputTokens,
}: {
  context: TrialContext;
  feature: Feature<Schema>;
  messages: ModelMessage[];
  shrinkMessages?: () => ModelMessage[] | null;
  /** The input tokens the app would have reserved for (what an attempt without reported usage is counted as). */
  inputTokens: number;
}): Promise<FeatureCall> {
  const { chain, policy, pickFault, requestId } = context;
  const startedAt = new Date();
  const run = await runAttempts({ chain, feature, messages, shrinkMessages, policy, pickFault, onEvent: () => {} });
  logAttempts({ requestId, source: "eval", userId: "eval", chatId: null, feature: feature.name, chain, inputTokens, startedAt }, run.attempts);

  const usage = usageOf({ chain, attempts: run.attempts, inputTokens, at: startedAt });
  const output: JsonObject =
    run.status === "ok"
      ? toJsonObject(run.value)
      : run.status === "failed"
        ? { error: { code: run.error.code, message: run.error.message } }
        : { error: { code: "aborted", message: "the attempt loop was aborted" } };
  return {
    output,
    modelId: run.status === "ok" ? run.modelId : (run.attempts.at(-1)?.modelId ?? null),
    attempts: run.attempts.length,
    ...usage,
  };
}

/** Tokens and cost of a request's attempts, counted exactly as settle and the call log count them. */
function usageOf({ chain, attempts, inputTokens, at }: { chain: readonly ChainModel[]; attempts: AttemptRecord[]; inputTokens: number; at: Date }) {
  const priceIds = new Map(chain.map((entry) => [entry.id, priceIdOf(entry)]));
  const extra = getBudgetConfig().extraPrices;
  let input = 0;
  let output = 0;
  let micros = 0;
  const unpriced = new Set<string>();
  for (const used of usageFromAttempts({ attempts, inputTokens, countTokens })) {
    input += used.inputTokens;
    output += used.outputTokens;
    const price = findPrice({ modelId: priceIds.get(used.modelId) ?? used.modelId, at, extra });
    if (price) micros += costMicros({ price, inputTokens: used.inputTokens, outputTokens: used.outputTokens });
    else unpriced.add(used.modelId);
  }
  return { inputTokens: input, outputTokens: output, costMicros: micros, unpricedModels: [...unpriced] };
}

/** A validated value as plain JSON (it came from parsed JSON; this drops undefined and keeps the type honest). */
export function toJsonObject(value: unknown): JsonObject {
  const json: unknown = JSON.parse(JSON.stringify(value ?? {}));
  return typeof json === "object" && json !== null && !Array.isArray(json) ? (json as JsonObject) : { value: json as JsonObject[string] };
}
