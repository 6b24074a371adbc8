import { describe, expect, it } from "vitest";
import { contextWindowFor, DEFAULT_CONTEXT_WINDOW } from "./model-limits";

describe("contextWindowFor", () => {
  it.each([
    ["gpt-4o", 128_000],
    ["gpt-4o-mini", 128_000],
    ["gpt-4o-2024-08-06", 128_000],
    ["gpt-4.1", 1_047_576],
    ["gpt-4.1-mini", 1_047_576],
    ["gpt-4.1-nano-2025-04-14", 1_047_576],
    ["gpt-5", 400_000],
    ["gpt-5-mini", 400_000],
    ["gpt-5.1", 400_000],
    ["o3", 200_000],
    ["o3-mini", 200_000],
    ["o4-mini", 200_000],
    ["o4-mini-2025-04-16", 200_000],
    ["offline", 16_384],
    ["mock-ok", 8_192],
    ["mock-fault-truncated", 8_192],
    ["openai/gpt-4o-mini", 128_000],
    ["GPT-4o", 128_000],
  ])("knows %s: %i tokens", (modelId, tokens) => {
    expect(contextWindowFor({ modelId })).toBe(tokens);
  });

  it("matches families on a boundary, not any string that happens to start alike", () => {
    expect(contextWindowFor({ modelId: "o3x-local" })).toBe(DEFAULT_CONTEXT_WINDOW);
    expect(contextWindowFor({ modelId: "gpt-4omega" })).toBe(DEFAULT_CONTEXT_WINDOW);
  });

  it("gives unknown models the conservative default of 8,192", () => {
    expect(DEFAULT_CONTEXT_WINDOW).toBe(8_192);
    expect(contextWindowFor({ modelId: "llama3.1:8b" })).toBe(8_192);
    expect(contextWindowFor({ modelId: "qwen2.5-7b-instruct" })).toBe(8_192);
  });

  it("lets the override win over the table and the default", () => {
    expect(contextWindowFor({ modelId: "gpt-4o", override: 32_000 })).toBe(32_000);
    expect(contextWindowFor({ modelId: "llama3.1:8b", override: 131_072 })).toBe(131_072);
  });

  it("rejects an override that cannot be a window size", () => {
    expect(() => contextWindowFor({ modelId: "gpt-4o", override: 0 })).toThrow(RangeError);
    expect(() => contextWindowFor({ modelId: "gpt-4o", override: -1 })).toThrow(RangeError);
    expect(() => contextWindowFor({ modelId: "gpt-4o", override: 1.5 })).toThrow(RangeError);
    expect(() => contextWindowFor({ modelId: "gpt-4o", override: Number.NaN })).toThrow(RangeError);
  });
});
