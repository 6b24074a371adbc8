/**
 * Fault injection for the offline model: the ways real models and providers fail,
 * so the reliability layer (repair, retry with feedback, backoff, fallback, slow-model
 * notice) can be watched and tested without a server. Client-safe on purpose (no
 * server imports): the UI's dev switch lists these modes.
 *
 * The mode names match the mock LLM server's (test/mock-llm/faults.ts), so one fault
 * means the same thing whichever model produces it.
 */

export const FAULT_MODES = [
  "prose",
  "fence",
  "trailing_comma",
  "single_quotes",
  "truncate",
  "wrong_types",
  "missing_field",
  "latency_spike",
  "rate_limit",
  "server_error",
  "stream_cut",
] as const;

export type FaultMode = (typeof FAULT_MODES)[number];

/** Faults that rewrite the reply text; the rest change timing or the transport. */
export const TEXT_FAULT_MODES = [
  "prose",
  "fence",
  "trailing_comma",
  "single_quotes",
  "truncate",
  "wrong_types",
  "missing_field",
] as const satisfies readonly FaultMode[];

export type TextFaultMode = (typeof TEXT_FAULT_MODES)[number];

export const FAULT_DESCRIPTIONS: Record<FaultMode, string> = {
  prose: "Prose around the JSON",
  fence: "JSON in a ```json code fence",
  trailing_comma: "Trailing commas in the JSON",
  single_quotes: "Single-quoted keys and strings",
  truncate: "Reply cut off at the token limit",
  wrong_types: "Number and list sent as strings",
  missing_field: "A required field left out",
  latency_spike: "Slow first token",
  rate_limit: "429 rate limit with Retry-After",
  server_error: "500 server error",
  stream_cut: "Connection dropped mid-stream",
};

export function isFaultMode(value: unknown): value is FaultMode {
  return typeof value === "string" && (FAULT_MODES as readonly string[]).includes(value);
}

export function isTextFaultMode(value: unknown): value is TextFaultMode {
  return typeof value === "string" && (TEXT_FAULT_MODES as readonly string[]).includes(value);
}

// ---------- choosing faults ----------

export type FaultConfig = {
  /** Probability in [0, 1] that a call gets a fault. */
  rate: number;
  modes: readonly FaultMode[];
  seed: number;
};

/**
 * A reproducible fault sequence: each call decides whether this call faults (with
 * probability `rate`) and which mode (uniform over `modes`). Every call draws both
 * numbers, so the n-th decision depends only on the seed and n: raising the rate
 * adds faults without reshuffling the ones already there.
 */
export function createFaultPicker(config: FaultConfig): () => FaultMode | null {
  const { rate, modes } = config;
  if (!(rate >= 0 && rate <= 1)) throw new Error(`fault rate must be a number from 0 to 1, got ${rate}`);
  if (rate > 0 && modes.length === 0) throw new Error("fault modes must not be empty when the fault rate is above 0");
  const random = mulberry32(config.seed);
  return () => {
    const faults = random() < rate;
    const mode = modes[Math.floor(random() * modes.length)];
    return faults ? (mode ?? null) : null;
  };
}

/**
 * Reads a fault config from environment strings. Unset or empty means: rate 0,
 * every mode, seed 0. Throws on anything it cannot use, naming what is wrong.
 */
export function parseFaultConfig(input: { rate?: string; modes?: string; seed?: string }): FaultConfig {
  const rateText = input.rate?.trim() || "0";
  const rate = Number(rateText);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new Error(`Invalid fault rate "${input.rate}": expected a number from 0 to 1`);
  }
  const seedText = input.seed?.trim() || "0";
  const seed = Number(seedText);
  if (!Number.isSafeInteger(seed)) throw new Error(`Invalid fault seed "${input.seed}": expected an integer`);
  return { rate, modes: parseFaultModes(input.modes), seed };
}

function parseFaultModes(text: string | undefined): FaultMode[] {
  const trimmed = text?.trim() ?? "";
  if (trimmed === "" || trimmed === "all") return [...FAULT_MODES];
  const names = trimmed
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !isFaultMode(name));
  if (unknown.length > 0) {
    throw new Error(`Unknown fault mode(s) ${unknown.map((name) => `"${name}"`).join(", ")}; expected "all" or a comma list of: ${FAULT_MODES.join(", ")}`);
  }
  return [...new Set(names.filter(isFaultMode))];
}

/** Tiny seeded PRNG (mulberry32): reproducible sequences without Math.random. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------- corrupting the reply text ----------

export type CorruptedText = { text: string; finishReason: "stop" | "length" };

/**
 * Rewrites a valid JSON reply the way real models break it. All but `truncate`
 * are things Ballast's parser repairs or coerces back to the original value;
 * `missing_field` and `truncate` are not, and must lead to a retry.
 */
export function corruptJsonText(json: string, mode: TextFaultMode): CorruptedText {
  const value: unknown = JSON.parse(json);
  const object = isPlainObject(value) ? value : undefined;
  switch (mode) {
    case "prose":
      return stop(`Sure! Here is the JSON you asked for:\n\n${json}\n\nLet me know if you need anything else.`);
    case "fence":
      return stop("```json\n" + JSON.stringify(value, null, 2) + "\n```");
    case "trailing_comma":
      // Pretty-printed JSON has raw newlines only between tokens (strings escape theirs),
      // so a newline followed by a closing bracket is always structure, never content.
      return stop(JSON.stringify(value, null, 2).replace(/([^[{,\s])(\n\s*[}\]])/g, "$1,$2"));
    case "single_quotes":
      return stop(singleQuoted(value));
    case "truncate": {
      // Cut by code points so no character is split; 60% is well inside the object.
      const points = Array.from(json);
      return { text: points.slice(0, Math.max(1, Math.floor(points.length * 0.6))).join(""), finishReason: "length" };
    }
    case "wrong_types":
      return stop(object ? JSON.stringify(mistyped(object)) : json);
    case "missing_field":
      return stop(object ? JSON.stringify(withoutField(object)) : json);
  }
}

function stop(text: string): CorruptedText {
  return { text, finishReason: "stop" };
}

/**
 * The slips Ballast's validator coerces: a number as a numeric string, and a
 * one-item list as its lone string (a longer list as one string would not be
 * recoverable, so it stays a list).
 */
function mistyped(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).map(([key, value]) => {
      if (typeof value === "number") return [key, String(value)];
      if (Array.isArray(value) && value.length === 1 && typeof value[0] === "string") return [key, value[0]];
      return [key, value];
    }),
  );
}

/** Drops `summary` (the reply's easiest field to forget); other shapes lose their last key. */
function withoutField(object: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(object);
  const drop = keys.includes("summary") ? "summary" : keys.at(-1);
  return Object.fromEntries(Object.entries(object).filter(([key]) => key !== drop));
}

/** Python-dict style: keys and strings in single quotes, inner `'` escaped as `\'`. */
function singleQuoted(value: unknown): string {
  if (typeof value === "string") {
    // Reuse JSON's escaping, then swap the quote style; escape pairs are matched whole
    // so a backslash before a quote is never misread.
    const body = JSON.stringify(value)
      .slice(1, -1)
      .replace(/\\.|'/g, (match) => (match === '\\"' ? '"' : match === "'" ? "\\'" : match));
    return `'${body}'`;
  }
  if (Array.isArray(value)) return `[${value.map(singleQuoted).join(", ")}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([key, entry]) => `${singleQuoted(key)}: ${singleQuoted(entry)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
