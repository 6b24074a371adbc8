import type { LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { convertArrayToReadableStream, MockLanguageModelV4 } from "ai/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db/client";
import { getAttemptPolicy } from "@/lib/ai/attempt-policy";
import { resetEnvForTests } from "@/lib/env";
import { flushCallLog } from "@/lib/telemetry/call-log";
import { createJudge } from "./judge";

/** A model that answers every call with `text`, the way a provider in JSON mode streams it. */
function modelAnswering(text: string) {
  const parts: LanguageModelV4StreamPart[] = [
    { type: "stream-start", warnings: [] },
    { type: "text-start", id: "t" },
    { type: "text-delta", id: "t", delta: text },
    { type: "text-end", id: "t" },
    {
      type: "finish",
      finishReason: { unified: "stop", raw: "stop" },
      usage: { inputTokens: { total: 400, noCache: 400, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 20, text: 20, reasoning: 0 } },
    },
  ];
  return new MockLanguageModelV4({ modelId: "gpt-4o-mini", doStream: async () => ({ stream: convertArrayToReadableStream(parts) }) });
}

describe("the LLM judge (on a real model)", () => {
  beforeAll(() => {
    vi.stubEnv("PGLITE_DIR", "memory://");
    resetEnvForTests();
  });
  afterAll(async () => {
    await flushCallLog();
    await closeDb();
    vi.unstubAllEnvs();
    resetEnvForTests();
  });

  it("sends the rubric, input and output as data, reads a yes/no verdict through the attempt loop, and reports its cost", async () => {
    const model = modelAnswering('{"verdict": "no", "reason": "The answer never names PgBouncer."}');
    let cost = 0;
    const judge = createJudge({ chain: [{ id: "gpt-4o-mini", model }], policy: getAttemptPolicy(), onCost: (micros) => (cost += micros) });
    const verdict = await judge({ rubric: "Names PgBouncer.", input: { message: "How do I pool?" }, output: { answer: "Use a pooler." } });
    expect(verdict).toEqual({ pass: false, reason: "The answer never names PgBouncer." });
    // gpt-4o-mini's price: 400 input tokens at $0.15/MTok and 20 output at $0.60/MTok, rounded up.
    expect(cost).toBe(72);
    const prompt = JSON.stringify(model.doStreamCalls[0]?.prompt);
    expect(prompt).toContain("Names PgBouncer.");
    expect(prompt).toContain("Use a pooler.");
  });

  it("throws when the model gives no verdict (the criterion then fails, never passes)", async () => {
    const judge = createJudge({ chain: [{ id: "gpt-4o-mini", model: modelAnswering('{"answer": "sure"}') }], policy: getAttemptPolicy(), onCost: () => {} });
    await expect(judge({ rubric: "x", input: {}, output: { answer: "a" } })).rejects.toThrow(/no verdict/);
  });
});
