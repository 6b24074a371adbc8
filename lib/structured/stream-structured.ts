import "server-only";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { NoObjectGeneratedError, Output, streamText, type DeepPartial, type FinishReason, type LanguageModelUsage, type ModelMessage } from "ai";
import type { z } from "zod";
import { BallastError } from "@/lib/errors";
import type { Feature } from "@/lib/features/define-feature";

export type StructuredResult<T> = {
  value: T;
  text: string;
  usage: LanguageModelUsage;
  finishReason: FinishReason;
};

export type StreamStructuredOptions<Schema extends z.ZodType> = {
  model: LanguageModelV4;
  feature: Feature<Schema>;
  messages: ModelMessage[];
  abortSignal?: AbortSignal;
  /** Called with each new partial object, at most every `partialEveryMs`. */
  onPartial: (partial: DeepPartial<z.infer<Schema>>) => void;
  partialEveryMs?: number;
};

/**
 * One model call that streams a feature's structured output: partial objects as
 * the JSON text grows, then the complete object validated against the schema.
 * Partial updates are throttled because each carries the whole object so far.
 */
export async function streamStructured<Schema extends z.ZodType>({
  model,
  feature,
  messages,
  abortSignal,
  onPartial,
  partialEveryMs = 50,
}: StreamStructuredOptions<Schema>): Promise<StructuredResult<z.infer<Schema>>> {
  const output = Output.object({ schema: feature.schema, name: feature.name });
  const result = streamText({
    model,
    instructions: feature.instructions,
    messages,
    output,
    maxOutputTokens: feature.maxOutputTokens,
    abortSignal,
    // Retries belong to Ballast's own attempt loop, which knows about budgets.
    maxRetries: 0,
  });

  let text = "";
  let lastSent = "";
  let lastSentAt = 0;
  let usage: LanguageModelUsage | undefined;
  let finishReason: FinishReason = "other";

  const emitPartial = async (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastSentAt < partialEveryMs) return;
    const parsed = await output.parsePartialOutput({ text });
    if (!parsed) return;
    const serialized = JSON.stringify(parsed.partial);
    if (serialized === lastSent) return;
    lastSent = serialized;
    lastSentAt = now;
    onPartial(parsed.partial as DeepPartial<z.infer<Schema>>);
  };

  for await (const part of result.stream) {
    switch (part.type) {
      case "text-delta":
        text += part.text;
        await emitPartial(false);
        break;
      case "error":
        throw new BallastError("provider_error:model", { cause: part.error });
      case "abort":
        throw abortError(abortSignal);
      case "finish":
        usage = part.totalUsage;
        finishReason = part.finishReason;
        break;
    }
  }
  if (abortSignal?.aborted) throw abortError(abortSignal);
  await emitPartial(true);

  try {
    const value = (await result.output) as z.infer<Schema>;
    return { value, text, usage: usage ?? (await result.totalUsage), finishReason };
  } catch (error) {
    if (NoObjectGeneratedError.isInstance(error)) {
      throw new BallastError("invalid_output:model", { cause: error });
    }
    throw error;
  }
}

function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException("The request was aborted.", "AbortError");
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}
