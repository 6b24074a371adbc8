import "server-only";
import type { ModelMessage } from "ai";
import type { z } from "zod";
import type { ChainModel } from "@/lib/ai/registry";
import { getEnv } from "@/lib/env";
import { BallastError } from "@/lib/errors";
import type { Feature } from "@/lib/features/define-feature";
import { fitHistory, shrinkHistory, type FitInput } from "./fit-history";
import { contextWindowFor } from "./model-limits";

export type FittedConversation = {
  /** What to send: kept history (with a note when turns were dropped) and the new message. */
  messages: ModelMessage[];
  /** Indexes of the stored history messages left out. */
  droppedTurns: number[];
  /** Tokens of what is sent (instructions included): what a budget reserves for input. */
  inputTokens: number;
  /** A shorter conversation for a provider that still says it is too long; null when nothing is left to drop. */
  shrink: () => ModelMessage[] | null;
};

/**
 * The request-path step before any model call: fit the conversation into the
 * smallest context window of the chain (a fallback must be able to take it
 * too), keeping room for the feature's whole reply. A message too large even
 * alone is refused with 413, its size and the limit.
 */
export function fitConversation<Schema extends z.ZodType>({
  chain,
  feature,
  history,
  newMessage,
}: {
  chain: readonly ChainModel[];
  feature: Feature<Schema>;
  history: ModelMessage[];
  newMessage: ModelMessage;
}): FittedConversation {
  const override = getEnv().LLM_CONTEXT_WINDOW;
  const contextWindow = Math.min(...chain.map((entry) => contextWindowFor({ modelId: entry.id, override })));
  const input: FitInput = { instructions: feature.instructions, history, newMessage, contextWindow, outputReserve: feature.maxOutputTokens };
  const fit = fitHistory(input);
  if (!fit.ok) {
    throw new BallastError("payload_too_large:chat", {
      message: `That message is ${fit.messageTokens.toLocaleString("en")} tokens; with the instructions and room for the reply, the model's context window leaves ${fit.limit.toLocaleString("en")}. Shorten it and send it again.`,
    });
  }
  return {
    messages: fit.messages,
    droppedTurns: fit.droppedTurns,
    inputTokens: fit.inputTokens,
    shrink: () => {
      const shrunk = shrinkHistory(input);
      return shrunk.ok && shrunk.droppedTurns.length > fit.droppedTurns.length ? shrunk.messages : null;
    },
  };
}
