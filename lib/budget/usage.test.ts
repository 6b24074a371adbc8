import { describe, expect, it } from "vitest";
import { countTokens } from "@/lib/context/count-tokens";
import type { AttemptRecord } from "@/lib/structured/run-attempts";
import { usageFromAttempts, type AttemptOutcome } from "./usage";

// Compile-time: the attempt loop's records can be passed as they are.
export const recordsFit = (records: AttemptRecord[]): readonly AttemptOutcome[] => records;

describe("usage from the attempt loop", () => {
  it("uses the provider's counts, and estimates only what a broken or stopped stream did not report", () => {
    const usage = usageFromAttempts({
      inputTokens: 420,
      countTokens,
      attempts: [
        { attempt: 1, modelId: "gpt-4o-mini", result: { text: '{"answer":"hi"}', usage: { inputTokens: 431, outputTokens: 9 }, firstChunkMs: 300 } },
        { attempt: 2, modelId: "gpt-4o-mini", result: { text: "", usage: undefined } }, // 500 before any chunk
        { attempt: 3, modelId: "gpt-4.1-mini", result: { text: '{"answer":"the stream was cut her', firstChunkMs: 250 } },
      ],
    });
    expect(usage).toEqual([
      { attempt: 1, modelId: "gpt-4o-mini", inputTokens: 431, outputTokens: 9 },
      { attempt: 2, modelId: "gpt-4o-mini", inputTokens: 0, outputTokens: 0, estimated: true },
      { attempt: 3, modelId: "gpt-4.1-mini", inputTokens: 420, outputTokens: countTokens('{"answer":"the stream was cut her'), estimated: true },
    ]);
    expect(usage[2]?.outputTokens).toBeGreaterThan(5);
  });
});
