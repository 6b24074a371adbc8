import type { z } from "zod";

/**
 * An LLM feature, declared the way a spec reads: what it returns (schema),
 * how it is asked (instructions), and what one call may spend.
 */
export type Feature<Schema extends z.ZodType> = {
  /** Stable name, used in logs, budgets and evals. */
  name: string;
  schema: Schema;
  /** System instructions sent with every call. */
  instructions: string;
  /** Hard cap on generated tokens per call (also what a budget reserves). */
  maxOutputTokens: number;
  /** Longest single user input accepted, in characters (413 beyond it). */
  maxInputChars: number;
};

export function defineFeature<Schema extends z.ZodType>(feature: Feature<Schema>): Feature<Schema> {
  return feature;
}
