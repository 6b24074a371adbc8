import "server-only";
import type { DeepPartial, ModelMessage } from "ai";
import type { z } from "zod";
import type { AttemptFailure } from "@/lib/ai/classify-failure";
import type { FaultMode } from "@/lib/ai/faults";
import type { ChainModel } from "@/lib/ai/registry";
import { BallastError } from "@/lib/errors";
import type { Feature } from "@/lib/features/define-feature";
import { withFeedback } from "./feedback";
import type { RepairName } from "./repair-names";
import { streamAttempt, type AttemptResult, type AttemptTimeouts } from "./stream-attempt";

export type AttemptPolicy = {
  /** Hard cap on model calls for one request, whatever happens. */
  maxAttempts: number;
  timeouts: AttemptTimeouts;
  /** Tell the user the model is slow when no output has arrived by then. */
  slowNoticeMs: number;
  /** A 429 asking to wait longer than this goes to the next model instead. */
  maxBackoffMs: number;
};

/** Why an attempt was made: the first try, or what the previous one ran into. */
export type AttemptReason = "first" | "invalid_output" | "rate_limited" | "fallback" | "transient" | "context_length";

export type AttemptRecord = {
  attempt: number;
  modelId: string;
  reason: AttemptReason;
  fault: FaultMode | null;
  result: AttemptResult<unknown>;
};

export type RunEvent<T> =
  | { type: "attempt-start"; attempt: number; modelId: string; reason: AttemptReason; problem?: string }
  | { type: "partial"; attempt: number; partial: DeepPartial<T> }
  | { type: "slow"; attempt: number; modelId: string; waitedMs: number }
  | { type: "first-chunk"; attempt: number }
  | { type: "backoff"; attempt: number; modelId: string; waitMs: number }
  | { type: "attempt-end"; record: AttemptRecord };

export type RunResult<T> =
  | { status: "ok"; value: T; repairs: RepairName[]; modelId: string; attempts: AttemptRecord[] }
  | { status: "failed"; error: BallastError; attempts: AttemptRecord[] }
  | { status: "aborted"; attempts: AttemptRecord[] };

export type RunAttemptsOptions<Schema extends z.ZodType> = {
  chain: readonly ChainModel[];
  feature: Feature<Schema>;
  messages: ModelMessage[];
  signal?: AbortSignal;
  policy: AttemptPolicy;
  /**
   * Called once when a provider says the context is too long although it was
   * counted as fitting (its tokenizer differs): a shorter conversation to retry
   * with, or null to give up.
   */
  shrinkMessages?: () => ModelMessage[] | null;
  /** Fault injection: called once per attempt (the offline model honours it). */
  pickFault?: () => FaultMode | null;
  onEvent: (event: RunEvent<z.infer<Schema>>) => void;
};

/**
 * The attempt loop: one feature call that survives real models.
 * - invalid output: one retry on the same model with the error fed back;
 * - 429: wait as long as Retry-After asks (when reasonable), once per model;
 * - 5xx, broken stream, timeout: the next model of the chain (the primary
 *   gets one more try when there is no other);
 * - never more than `maxAttempts` calls, and a user's stop ends it at once.
 */
export async function runAttempts<Schema extends z.ZodType>({
  chain,
  feature,
  messages,
  signal,
  policy,
  pickFault,
  shrinkMessages,
  onEvent,
}: RunAttemptsOptions<Schema>): Promise<RunResult<z.infer<Schema>>> {
  const attempts: AttemptRecord[] = [];
  let shrunk = false;
  let modelIndex = 0;
  let conversation = messages;
  let reason: AttemptReason = "first";
  let problem: string | undefined;
  let fedBack = false;
  let retriedTransient = false;
  const backedOff = new Set<number>();

  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    const entry = chain[modelIndex];
    if (!entry) break;
    const fault = pickFault?.() ?? null;
    onEvent({ type: "attempt-start", attempt, modelId: entry.id, reason, problem });

    const started = performance.now();
    const slowTimer = setTimeout(() => onEvent({ type: "slow", attempt, modelId: entry.id, waitedMs: performance.now() - started }), policy.slowNoticeMs);
    const result = await streamAttempt({
      model: entry.model,
      feature,
      messages: conversation,
      signal,
      timeouts: policy.timeouts,
      providerOptions: fault ? { ballast: { fault } } : undefined,
      onFirstChunk: () => {
        clearTimeout(slowTimer);
        onEvent({ type: "first-chunk", attempt });
      },
      onPartial: (partial) => onEvent({ type: "partial", attempt, partial }),
    });
    clearTimeout(slowTimer);

    const record: AttemptRecord = { attempt, modelId: entry.id, reason, fault, result };
    attempts.push(record);
    onEvent({ type: "attempt-end", record });

    if (result.ok) return { status: "ok", value: result.value, repairs: result.repairs, modelId: entry.id, attempts };

    const failure = result.failure;
    problem = failure.message;
    const hasNext = modelIndex + 1 < chain.length;
    switch (failure.kind) {
      case "aborted":
        return { status: "aborted", attempts };
      case "invalid_output":
        if (!fedBack) {
          fedBack = true;
          conversation = withFeedback(messages, result.text, failure.message);
          reason = "invalid_output";
          continue;
        }
        if (hasNext) {
          modelIndex++;
          reason = "fallback";
          continue;
        }
        return failed(failure, attempts);
      case "rate_limited": {
        const waitMs = failure.retryAfterMs ?? 1000;
        if (waitMs <= policy.maxBackoffMs && !backedOff.has(modelIndex)) {
          backedOff.add(modelIndex);
          onEvent({ type: "backoff", attempt, modelId: entry.id, waitMs });
          if (!(await sleep(waitMs, signal))) return { status: "aborted", attempts };
          reason = "rate_limited";
          continue;
        }
        if (hasNext) {
          modelIndex++;
          reason = "fallback";
          continue;
        }
        return failed(failure, attempts);
      }
      case "provider_error":
      case "stream_cut":
      case "timeout":
        if (hasNext) {
          modelIndex++;
          reason = "fallback";
          continue;
        }
        if (!retriedTransient && failure.kind !== "timeout") {
          retriedTransient = true;
          if (!(await sleep(500, signal))) return { status: "aborted", attempts };
          reason = "transient";
          continue;
        }
        return failed(failure, attempts);
      case "context_length_exceeded": {
        const shorter = shrunk ? null : (shrinkMessages?.() ?? null);
        if (!shorter) return failed(failure, attempts);
        shrunk = true;
        messages = shorter;
        conversation = shorter;
        reason = "context_length";
        continue;
      }
      case "rejected":
        return failed(failure, attempts);
    }
  }
  const last = attempts.at(-1)?.result;
  const failure: AttemptFailure =
    last && !last.ok ? last.failure : { kind: "provider_error", message: "no model is configured" };
  return failed(failure, attempts);
}

function failed(failure: AttemptFailure, attempts: AttemptRecord[]): RunResult<never> {
  return { status: "failed", error: toUserError(failure), attempts };
}

/** The user-facing error for the failure that ended the request. */
function toUserError(failure: AttemptFailure): BallastError {
  switch (failure.kind) {
    case "invalid_output":
      return new BallastError("invalid_output:model", { cause: failure.error });
    case "rate_limited": {
      const seconds = failure.retryAfterMs === undefined ? undefined : Math.ceil(failure.retryAfterMs / 1000);
      return new BallastError("rate_limited:model", {
        message:
          seconds === undefined
            ? undefined
            : `The model provider is limiting requests right now. Try again in ${seconds} second${seconds === 1 ? "" : "s"}.`,
      });
    }
    case "timeout":
      return new BallastError("timeout:model", {
        message:
          failure.phase === "first_chunk"
            ? `The model did not start answering within ${Math.round(failure.afterMs / 1000)} seconds. Try again.`
            : `The model did not finish within ${Math.round(failure.afterMs / 1000)} seconds. Try again, or ask for a shorter answer.`,
      });
    case "context_length_exceeded":
      return new BallastError("context_length_exceeded:model");
    case "rejected":
      return new BallastError("provider_rejected:model", {
        message: `The model provider refused the request${failure.status ? ` (HTTP ${failure.status})` : ""}. The server's model configuration needs attention.`,
      });
    case "aborted":
    case "provider_error":
    case "stream_cut":
      return new BallastError("provider_error:model", { cause: failure });
  }
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
