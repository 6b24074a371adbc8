/**
 * What one model call costs, in integer micro-dollars per million tokens
 * (USD 0.15 / MTok = 150_000). Versioned: a model may have several rows, and
 * the one with the latest `effectiveFrom` not after the call applies, so a
 * price change is a new row, not an edit that rewrites history.
 *
 * A real model missing from the table is refused (`UnpricedModelError`), never
 * counted as free: a typo in LLM_MODEL must not switch the cost budget off.
 * Models the table does not know (a local Ollama model, a new release) are
 * priced with `BUDGET_MODEL_PRICES` (see limits.ts).
 *
 * The offline model and the mock LLM server's ids (`offline`, `offline-*`,
 * `mock-*`) cost nothing, but carry a *nominal* price (gpt-4o-mini's), so demos
 * and tests exercise the cost budget and the admin cost figures exactly as a
 * real deployment would. Rows with `nominal: true` say so.
 */
export type ModelPrice = {
  modelId: string;
  inputMicrosPerMTok: number;
  outputMicrosPerMTok: number;
  /** ISO date (UTC) from which this price applies. */
  effectiveFrom: string;
  /** True for the offline model and mock ids: not a real bill. */
  nominal?: boolean;
};

/** List prices (USD per 1M tokens × 1,000,000), standard tier, no caching discounts: an upper bound. */
export const PRICE_TABLE: readonly ModelPrice[] = [
  { modelId: "gpt-4o-mini", inputMicrosPerMTok: 150_000, outputMicrosPerMTok: 600_000, effectiveFrom: "2024-07-18" },
  { modelId: "gpt-4o", inputMicrosPerMTok: 2_500_000, outputMicrosPerMTok: 10_000_000, effectiveFrom: "2024-08-06" },
  { modelId: "gpt-4.1", inputMicrosPerMTok: 2_000_000, outputMicrosPerMTok: 8_000_000, effectiveFrom: "2025-04-14" },
  { modelId: "gpt-4.1-mini", inputMicrosPerMTok: 400_000, outputMicrosPerMTok: 1_600_000, effectiveFrom: "2025-04-14" },
  { modelId: "gpt-4.1-nano", inputMicrosPerMTok: 100_000, outputMicrosPerMTok: 400_000, effectiveFrom: "2025-04-14" },
  { modelId: "o4-mini", inputMicrosPerMTok: 1_100_000, outputMicrosPerMTok: 4_400_000, effectiveFrom: "2025-04-16" },
  { modelId: "gpt-5", inputMicrosPerMTok: 1_250_000, outputMicrosPerMTok: 10_000_000, effectiveFrom: "2025-08-07" },
  { modelId: "gpt-5-mini", inputMicrosPerMTok: 250_000, outputMicrosPerMTok: 2_000_000, effectiveFrom: "2025-08-07" },
  { modelId: "gpt-5-nano", inputMicrosPerMTok: 50_000, outputMicrosPerMTok: 400_000, effectiveFrom: "2025-08-07" },
];

const NOMINAL_PRICE = { inputMicrosPerMTok: 150_000, outputMicrosPerMTok: 600_000, effectiveFrom: "1970-01-01", nominal: true } as const;

/** Ids the offline model and the mock LLM server answer to. */
function isNominalModel(modelId: string): boolean {
  return modelId === "offline" || modelId.startsWith("offline-") || modelId.startsWith("mock-");
}

/** A refusal to price a model: a configuration problem, never "free". */
export class UnpricedModelError extends Error {
  readonly code = "unpriced_model";
  readonly modelId: string;

  constructor(modelId: string) {
    super(`No price is known for model "${modelId}". Add it to lib/budget/prices.ts or BUDGET_MODEL_PRICES (id=inputMicrosPerMTok/outputMicrosPerMTok).`);
    this.name = "UnpricedModelError";
    this.modelId = modelId;
  }
}

/** Snapshot ids ("gpt-4o-2024-08-06") cost what their family costs unless listed themselves. */
function withoutDateSuffix(modelId: string): string {
  return modelId.replace(/-\d{4}-\d{2}-\d{2}$/, "");
}

function latestEffective(rows: readonly ModelPrice[], modelId: string, at: Date): ModelPrice | null {
  const day = at.toISOString().slice(0, 10);
  let best: ModelPrice | null = null;
  for (const row of rows) {
    if (row.modelId !== modelId || row.effectiveFrom > day) continue;
    if (!best || row.effectiveFrom > best.effectiveFrom) best = row;
  }
  return best;
}

/**
 * The price in force for a model at a moment, or null. Operator prices
 * (`extra`, from BUDGET_MODEL_PRICES) win over the built-in table.
 */
export function findPrice({ modelId, at, extra = [] }: { modelId: string; at: Date; extra?: readonly ModelPrice[] }): ModelPrice | null {
  for (const id of [modelId, withoutDateSuffix(modelId)]) {
    const found = latestEffective(extra, id, at) ?? latestEffective(PRICE_TABLE, id, at);
    if (found) return found;
  }
  return isNominalModel(modelId) ? { modelId, ...NOMINAL_PRICE } : null;
}

/** Like findPrice, but an unknown model is an error. */
export function requirePrice(options: { modelId: string; at: Date; extra?: readonly ModelPrice[] }): ModelPrice {
  const price = findPrice(options);
  if (!price) throw new UnpricedModelError(options.modelId);
  return price;
}

/**
 * The cost of a call in micro-dollars, rounded up: the ledger may overstate a
 * call by under one micro-dollar, never understate it. BigInt keeps the
 * product exact whatever the token counts.
 */
export function costMicros({ price, inputTokens, outputTokens }: { price: ModelPrice; inputTokens: number; outputTokens: number }): number {
  const numerator = BigInt(inputTokens) * BigInt(price.inputMicrosPerMTok) + BigInt(outputTokens) * BigInt(price.outputMicrosPerMTok);
  const perMillion = 1_000_000n;
  return Number((numerator + perMillion - 1n) / perMillion);
}

/**
 * The cost an admission reserves: input plus the full output cap, priced at
 * whichever model of the chain would make this call most expensive (a
 * fallback may end up serving it). Throws UnpricedModelError when any model of
 * the chain has no price.
 */
export function priceEstimate({
  modelIds,
  inputTokens,
  maxOutputTokens,
  at,
  extra,
}: {
  modelIds: readonly string[];
  inputTokens: number;
  maxOutputTokens: number;
  at: Date;
  extra?: readonly ModelPrice[];
}): { micros: number; pricedModelId: string } {
  if (modelIds.length === 0) throw new RangeError("priceEstimate needs at least one model id");
  const priced = modelIds.map((modelId) => ({
    pricedModelId: modelId,
    micros: costMicros({ price: requirePrice({ modelId, at, extra }), inputTokens, outputTokens: maxOutputTokens }),
  }));
  // The first of equally expensive models wins: the primary, when it ties.
  return priced.reduce((best, next) => (next.micros > best.micros ? next : best));
}

/**
 * Parses BUDGET_MODEL_PRICES: comma-separated `model-id=input/output`, in
 * micro-dollars per million tokens, e.g. `llama3.1:8b=0/0,my-gpt=150000/600000`.
 * Throws on a malformed entry (a silent typo would make a model unpriced).
 */
export function parseModelPrices(text: string | undefined): ModelPrice[] {
  const prices: ModelPrice[] = [];
  for (const entry of (text ?? "").split(",").map((item) => item.trim()).filter(Boolean)) {
    const match = /^(.+)=(\d+)\/(\d+)$/.exec(entry);
    if (!match || !match[1] || !match[2] || !match[3]) {
      throw new Error(`BUDGET_MODEL_PRICES: "${entry}" is not model-id=inputMicrosPerMTok/outputMicrosPerMTok`);
    }
    prices.push({
      modelId: match[1].trim(),
      inputMicrosPerMTok: Number(match[2]),
      outputMicrosPerMTok: Number(match[3]),
      effectiveFrom: "1970-01-01",
    });
  }
  return prices;
}
