/**
 * Context window (input + output tokens) per model id. Providers reject a request that
 * does not fit with `context_length_exceeded`, and some local servers (Ollama) silently
 * cut the oldest tokens instead — so the app fits the history to this number itself.
 */

/**
 * Unknown models get 8,192. Guessing too low only drops old turns early; guessing too
 * high turns into a provider error (or, on Ollama, a prompt truncated without notice,
 * often the instructions first). 8k is what most small open-weight models served via
 * OpenAI-compatible servers handle. Note Ollama's own default `num_ctx` is lower (2k–4k
 * depending on version): set `LLM_CONTEXT_WINDOW` to the server's real value.
 */
export const DEFAULT_CONTEXT_WINDOW = 8_192;

/**
 * The built-in offline model has no real limit; a small window makes history fitting
 * visible in a demo chat after a few dozen turns instead of never.
 */
export const OFFLINE_CONTEXT_WINDOW = 16_384;

/** `test/mock-llm` answers `context_length_exceeded` above this, like a real provider. */
export const MOCK_CONTEXT_WINDOW = 8_192;

/**
 * Known model families, matched as a prefix on a boundary so dated snapshots
 * (`gpt-4o-2024-08-06`) and variants (`o3-mini`, `gpt-5-nano`, `gpt-5.1`) resolve too.
 * Longest prefix wins: `gpt-4.1` before a hypothetical `gpt-4`. Figures from OpenAI's
 * model pages.
 */
const KNOWN_WINDOWS: ReadonlyArray<readonly [prefix: string, tokens: number]> = [
  ["gpt-4o", 128_000],
  ["gpt-4.1", 1_047_576],
  ["gpt-5", 400_000],
  ["o3", 200_000],
  ["o4-mini", 200_000],
  ["offline", OFFLINE_CONTEXT_WINDOW],
  ["mock", MOCK_CONTEXT_WINDOW],
];

const BY_LONGEST_PREFIX = [...KNOWN_WINDOWS].sort(([a], [b]) => b.length - a.length);

function matchesFamily(id: string, prefix: string): boolean {
  if (!id.startsWith(prefix)) return false;
  const next = id.charAt(prefix.length);
  return next === "" || next === "-" || next === "." || next === ":";
}

/**
 * `openai/gpt-4o` (routers) and `GPT-4o` name the same model: compare the last path
 * segment, lower-cased.
 */
function normaliseModelId(modelId: string): string {
  const lastSlash = modelId.lastIndexOf("/");
  return modelId.slice(lastSlash + 1).trim().toLowerCase();
}

/**
 * The context window for a model id. `override` (from `LLM_CONTEXT_WINDOW`) wins over
 * the table: the operator knows what their server was started with.
 */
export function contextWindowFor({ modelId, override }: { modelId: string; override?: number }): number {
  if (override !== undefined) {
    if (!Number.isSafeInteger(override) || override <= 0) {
      throw new RangeError(`Context window override must be a positive integer, got ${override}`);
    }
    return override;
  }
  const id = normaliseModelId(modelId);
  const known = BY_LONGEST_PREFIX.find(([prefix]) => matchesFamily(id, prefix));
  return known ? known[1] : DEFAULT_CONTEXT_WINDOW;
}
