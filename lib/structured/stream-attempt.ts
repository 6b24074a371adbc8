import "server-only";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import type { ProviderOptions } from "@ai-sdk/provider-utils";
import { streamText, type DeepPartial, type FinishReason, type LanguageModelUsage, type ModelMessage } from "ai";
import type { z } from "zod";
import { AttemptTimeoutError, classifyFailure, type AttemptFailure } from "@/lib/ai/classify-failure";
import type { Feature } from "@/lib/features/define-feature";
import { structuredOutput } from "./output";
import type { RepairName } from "./repair-names";

export type AttemptTimeouts = {
  /** No first chunk by then: the attempt is abandoned as a timeout. */
  firstChunkMs: number;
  /** Not finished by then: abandoned as a timeout. */
  totalMs: number;
};

export type StreamAttemptOptions<Schema extends z.ZodType> = {
  model: LanguageModelV4;
  feature: Feature<Schema>;
  messages: ModelMessage[];
  /** The user's stop (or a disconnect). Timeouts are added on top of it. */
  signal?: AbortSignal;
  timeouts: AttemptTimeouts;
  providerOptions?: ProviderOptions;
  onPartial: (partial: DeepPartial<z.infer<Schema>>) => void;
  onFirstChunk?: () => void;
  /** Partial updates carry the whole object so far, so they are throttled. */
  partialEveryMs?: number;
};

type AttemptCommon = {
  /** Raw text the model produced (what a retry quotes back to it). */
  text: string;
  /** Provider-reported usage; absent when the stream broke before reporting it. */
  usage?: LanguageModelUsage;
  finishReason?: FinishReason;
  /** Time to first chunk, when one arrived. */
  firstChunkMs?: number;
  durationMs: number;
};

export type AttemptResult<T> =
  | ({ ok: true; value: T; repairs: RepairName[] } & AttemptCommon)
  | ({ ok: false; failure: AttemptFailure } & AttemptCommon);

/**
 * One call to one model for a feature's structured output. Never throws: every
 * way an attempt can end (valid value, invalid output, provider error, broken
 * stream, timeout, user stop) comes back as a result the attempt loop decides on.
 */
export async function streamAttempt<Schema extends z.ZodType>({
  model,
  feature,
  messages,
  signal,
  timeouts,
  providerOptions,
  onPartial,
  onFirstChunk,
  partialEveryMs = 50,
}: StreamAttemptOptions<Schema>): Promise<AttemptResult<z.infer<Schema>>> {
  const started = performance.now();
  const timeout = new AbortController();
  const abortSignal = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
  let firstChunkTimer: ReturnType<typeof setTimeout> | undefined = setTimeout(
    () => timeout.abort(new AttemptTimeoutError("first_chunk", timeouts.firstChunkMs)),
    timeouts.firstChunkMs,
  );
  const totalTimer = setTimeout(() => timeout.abort(new AttemptTimeoutError("total", timeouts.totalMs)), timeouts.totalMs);

  const output = structuredOutput({ schema: feature.schema, name: feature.name });
  let text = "";
  let usage: LanguageModelUsage | undefined;
  let finishReason: FinishReason | undefined;
  let firstChunkMs: number | undefined;
  let streamError: unknown;
  let lastSent = "";
  let lastSentAt = 0;

  const emitPartial = async (force: boolean) => {
    const now = performance.now();
    if (!force && now - lastSentAt < partialEveryMs) return;
    const parsed = await output.parsePartialOutput({ text });
    if (!parsed) return;
    const serialized = JSON.stringify(parsed.partial);
    if (serialized === lastSent || serialized === "{}") return;
    lastSent = serialized;
    lastSentAt = now;
    onPartial(parsed.partial);
  };

  const result = streamText({
    model,
    instructions: feature.instructions,
    messages,
    output,
    maxOutputTokens: feature.maxOutputTokens,
    abortSignal,
    providerOptions,
    // Retries and backoff belong to Ballast's attempt loop, which sees budgets and the fallback chain.
    maxRetries: 0,
    // Names the spans when OpenTelemetry export is on (lib/telemetry/otel.ts); a no-op otherwise.
    telemetry: { functionId: `ballast.${feature.name}` },
    // Errors are read from the stream and classified by the attempt loop; the SDK's
    // default would print every expected fault (a 429, a cut stream) as a stack trace.
    onError: () => {},
  });

  try {
    for await (const part of result.stream) {
      if (part.type === "text-delta") {
        if (firstChunkMs === undefined) {
          firstChunkMs = performance.now() - started;
          clearTimeout(firstChunkTimer);
          firstChunkTimer = undefined;
          onFirstChunk?.();
        }
        text += part.text;
        await emitPartial(false);
      } else if (part.type === "error") {
        streamError = part.error;
      } else if (part.type === "finish") {
        usage = part.totalUsage;
        finishReason = part.finishReason;
      }
    }
  } catch (error) {
    // A connection that breaks mid-stream throws from the iterator instead of sending an error part.
    streamError = error;
  } finally {
    clearTimeout(firstChunkTimer);
    clearTimeout(totalTimer);
  }

  const common = () => ({ text, usage, finishReason, firstChunkMs, durationMs: performance.now() - started });
  if (signal?.aborted) return { ok: false, failure: { kind: "aborted", message: "stopped by the user" }, ...common() };
  if (timeout.signal.aborted) return { ok: false, failure: classifyFailure(timeout.signal.reason), ...common() };
  if (streamError !== undefined) return { ok: false, failure: classifyFailure(streamError), ...common() };

  await emitPartial(true);
  try {
    const { value, repairs } = await result.output;
    return { ok: true, value, repairs, ...common() };
  } catch (error) {
    return { ok: false, failure: classifyFailure(error), ...common() };
  }
}
