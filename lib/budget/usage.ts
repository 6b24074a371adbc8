import type { AttemptUsage } from "./settle";

/** What settle needs from one attempt of the attempt loop (a structural subset of lib/structured's AttemptRecord). */
export type AttemptOutcome = {
  attempt: number;
  modelId: string;
  result: {
    text: string;
    usage?: { inputTokens: number | undefined; outputTokens: number | undefined };
    /** Set when the model started answering: proof the prompt was processed. */
    firstChunkMs?: number;
  };
};

/**
 * Turns the attempt loop's records into settle's usage, one entry per attempt.
 * The provider's own counts are used whenever it reported them. When a stream
 * broke or was stopped before the usage chunk, the attempt is counted from
 * what is known: the input estimate admission used, and the tokens of the
 * text received (`estimated: true`). An attempt that got no answer at all (a
 * refused connection, a 429 or 500 before streaming) counts zero tokens: the
 * provider does not bill a request it rejected; it is still recorded, so the
 * attempt shows in the usage events.
 */
export function usageFromAttempts({
  attempts,
  inputTokens,
  countTokens,
}: {
  attempts: readonly AttemptOutcome[];
  /** The input estimate admission reserved for (a retry's feedback makes the real input a little larger). */
  inputTokens: number;
  countTokens: (text: string) => number;
}): AttemptUsage[] {
  return attempts.map(({ attempt, modelId, result }) => {
    const reported = result.usage;
    if (reported?.inputTokens !== undefined && reported.outputTokens !== undefined) {
      return { attempt, modelId, inputTokens: reported.inputTokens, outputTokens: reported.outputTokens };
    }
    const answered = result.firstChunkMs !== undefined || result.text.length > 0;
    return {
      attempt,
      modelId,
      inputTokens: reported?.inputTokens ?? (answered ? inputTokens : 0),
      outputTokens: reported?.outputTokens ?? countTokens(result.text),
      estimated: true,
    };
  });
}
