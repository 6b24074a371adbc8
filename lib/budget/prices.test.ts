import { describe, expect, it } from "vitest";
import { costMicros, findPrice, parseModelPrices, priceEstimate, UnpricedModelError, type ModelPrice } from "./prices";

const AT = new Date("2026-03-10T12:00:00Z");

describe("prices", () => {
  it("computes cost in integer micro-dollars, rounding up to the next micro-dollar", () => {
    const price: ModelPrice = { modelId: "m", inputMicrosPerMTok: 150_000, outputMicrosPerMTok: 600_000, effectiveFrom: "2024-01-01" };
    expect(costMicros({ price, inputTokens: 1_000_000, outputTokens: 0 })).toBe(150_000);
    expect(costMicros({ price, inputTokens: 1, outputTokens: 0 })).toBe(1); // 0.15 → 1, never 0
    expect(costMicros({ price, inputTokens: 0, outputTokens: 0 })).toBe(0);
    expect(costMicros({ price, inputTokens: 200, outputTokens: 800 })).toBe(510);
    // Exact far beyond float precision of the intermediate product.
    expect(costMicros({ price: { ...price, outputMicrosPerMTok: 600_000_000 }, inputTokens: 0, outputTokens: 2_000_000_000 })).toBe(1_200_000_000_000);
  });

  it("picks the version in force at the call's date, and snapshot ids price as their family", () => {
    const extra: ModelPrice[] = [
      { modelId: "house-model", inputMicrosPerMTok: 1, outputMicrosPerMTok: 2, effectiveFrom: "2025-01-01" },
      { modelId: "house-model", inputMicrosPerMTok: 10, outputMicrosPerMTok: 20, effectiveFrom: "2026-03-01" },
    ];
    expect(findPrice({ modelId: "house-model", at: new Date("2026-02-28T23:59:59Z"), extra })?.inputMicrosPerMTok).toBe(1);
    expect(findPrice({ modelId: "house-model", at: new Date("2026-03-01T00:00:00Z"), extra })?.inputMicrosPerMTok).toBe(10);
    expect(findPrice({ modelId: "house-model", at: new Date("2024-12-31T00:00:00Z"), extra })).toBeNull();
    expect(findPrice({ modelId: "gpt-4o-2024-08-06", at: AT })).toMatchObject({ modelId: "gpt-4o", outputMicrosPerMTok: 10_000_000 });
  });

  it("prices the offline model and mock ids nominally, and knows no unlisted real model", () => {
    expect(findPrice({ modelId: "offline", at: AT })).toMatchObject({ nominal: true, inputMicrosPerMTok: 150_000 });
    expect(findPrice({ modelId: "mock-chaos-fallback", at: AT })?.nominal).toBe(true);
    expect(findPrice({ modelId: "gpt-imaginary", at: AT })).toBeNull();
    expect(() => priceEstimate({ modelIds: ["offline", "gpt-imaginary"], inputTokens: 1, maxOutputTokens: 1, at: AT })).toThrow(UnpricedModelError);
  });

  it("prices an estimate at the chain's most expensive model for this request", () => {
    expect(priceEstimate({ modelIds: ["gpt-4o-mini", "gpt-4o", "gpt-4.1"], inputTokens: 1000, maxOutputTokens: 1000, at: AT })).toEqual({
      pricedModelId: "gpt-4o",
      micros: 12_500,
    });
    // Which model is dearest depends on the call's mix: gpt-5 costs more output, gpt-4.1 more input.
    const chain = ["gpt-5", "gpt-4.1"];
    expect(priceEstimate({ modelIds: chain, inputTokens: 100, maxOutputTokens: 1000, at: AT })).toEqual({ pricedModelId: "gpt-5", micros: 10_125 });
    expect(priceEstimate({ modelIds: chain, inputTokens: 10_000, maxOutputTokens: 100, at: AT })).toEqual({ pricedModelId: "gpt-4.1", micros: 20_800 });
  });

  it("parses operator prices and rejects malformed ones", () => {
    expect(parseModelPrices("llama3.1:8b=0/0, my-gpt=150000/600000")).toEqual([
      { modelId: "llama3.1:8b", inputMicrosPerMTok: 0, outputMicrosPerMTok: 0, effectiveFrom: "1970-01-01" },
      { modelId: "my-gpt", inputMicrosPerMTok: 150_000, outputMicrosPerMTok: 600_000, effectiveFrom: "1970-01-01" },
    ]);
    expect(parseModelPrices(undefined)).toEqual([]);
    expect(() => parseModelPrices("my-gpt=0.15/0.6")).toThrow(/BUDGET_MODEL_PRICES/);
  });
});
