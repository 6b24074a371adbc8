import "server-only";
import type { z } from "zod";
import { replyFeature } from "@/lib/features/reply";
import { summarizeFeature } from "@/lib/features/summarize";
import { CASES_BY_FEATURE, type EvalFeatureName } from "./cases";
import type { FeatureCall, TrialContext } from "./pipeline/call-feature";
import { runReply } from "./pipeline/reply";
import { runSummarize } from "./pipeline/summarize";
import type { Criterion, Expected, Json } from "./types";

/** One case as the runner sees it, whatever its feature: how to run its input and what to check. */
export type RunnableCase = {
  id: string;
  feature: EvalFeatureName;
  title: string;
  tags: readonly string[];
  critical: boolean;
  input: Json;
  expected: Json;
  criteria: readonly Criterion[];
  schema: z.ZodType;
  run: (context: TrialContext) => Promise<FeatureCall>;
};

/** Inputs and expectations are plain data (strings, numbers, lists), so they are JSON as they stand. */
const asJson = (value: object | Expected<unknown>): Json => value as Json;

/** Every case of the suite, each bound to its feature's pipeline. */
export function runnableCases(): RunnableCase[] {
  return [
    ...CASES_BY_FEATURE.reply.map(
      (entry): RunnableCase => ({
        ...entry,
        feature: "reply",
        input: asJson(entry.input),
        expected: asJson(entry.expected),
        schema: replyFeature.schema,
        run: (context) => runReply(entry.input, context),
      }),
    ),
    ...CASES_BY_FEATURE.summarize.map(
      (entry): RunnableCase => ({
        ...entry,
        feature: "summarize",
        input: asJson(entry.input),
        expected: asJson(entry.expected),
        schema: summarizeFeature.schema,
        run: (context) => runSummarize(entry.input, context),
      }),
    ),
  ];
}

/** Cases whose id or one of whose tags equals a filter term (comma-separated; a trailing * matches a prefix). */
export function filterCases(cases: readonly RunnableCase[], filter: string | null): RunnableCase[] {
  if (!filter) return [...cases];
  const terms = filter.split(",").map((term) => term.trim()).filter(Boolean);
  const matches = (value: string, term: string) => (term.endsWith("*") ? value.startsWith(term.slice(0, -1)) : value === term);
  return cases.filter((entry) => terms.some((term) => matches(entry.id, term) || entry.feature === term || entry.tags.some((tag) => matches(tag, term))));
}
