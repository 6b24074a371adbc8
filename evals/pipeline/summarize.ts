import "server-only";
import { countTokens } from "@/lib/context/count-tokens";
import { checkSummarizeText } from "@/lib/features/check-input";
import { summarizeFeature } from "@/lib/features/summarize";
import { callFeature, type FeatureCall, type TrialContext } from "./call-feature";

export type SummarizeEvalInput = { text: string };

/**
 * POST /api/summarize's path for one text: the same checks (blank, too long),
 * the trimmed text as the one user message, the same input-token estimate,
 * then the attempt loop.
 */
export async function runSummarize(input: SummarizeEvalInput, context: TrialContext): Promise<FeatureCall> {
  const text = checkSummarizeText(input.text);
  return callFeature({
    context,
    feature: summarizeFeature,
    messages: [{ role: "user", content: text }],
    inputTokens: countTokens(summarizeFeature.instructions) + countTokens(text),
  });
}
