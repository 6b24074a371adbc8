import { mulberry32 } from "./prng.ts";

/** The same failure modes as Ballast's offline model, so both exercise one reliability layer. */
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
  "context_length_exceeded",
] as const;

export type FaultMode = (typeof FAULT_MODES)[number];

/** Faults that rewrite the reply text; the others change timing or the transport. */
export const CONTENT_FAULTS = [
  "prose",
  "fence",
  "trailing_comma",
  "single_quotes",
  "truncate",
  "wrong_types",
  "missing_field",
] as const satisfies readonly FaultMode[];

export type ContentFault = (typeof CONTENT_FAULTS)[number];

export type FaultConfig = {
  /** Probability in [0, 1] that a request gets a fault. */
  rate: number;
  modes: readonly FaultMode[] | "all";
  seed: number;
};

export type FaultPicker = { next(): FaultMode | null };

export function isFaultMode(value: string): value is FaultMode {
  return (FAULT_MODES as readonly string[]).includes(value);
}

export function isContentFault(mode: FaultMode): mode is ContentFault {
  return (CONTENT_FAULTS as readonly string[]).includes(mode);
}

/** Parses `all` or a comma list (CLI input); throws naming the valid modes on a typo. */
export function parseFaultModes(text: string): FaultMode[] | "all" {
  if (text.trim() === "all") return "all";
  const modes = text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const unknown = modes.filter((mode) => !isFaultMode(mode));
  if (unknown.length > 0 || modes.length === 0) {
    throw new Error(`Unknown fault mode(s) "${unknown.join(",") || text}"; expected "all" or a comma list of: ${FAULT_MODES.join(", ")}`);
  }
  return modes.filter(isFaultMode);
}

/** Draws one decision per call from a seeded stream, so a run's faults are reproducible. */
export function createFaultPicker(config: FaultConfig): FaultPicker {
  const modes = config.modes === "all" ? FAULT_MODES : config.modes;
  if (!(config.rate >= 0 && config.rate <= 1)) throw new Error(`fault rate must be in [0, 1], got ${config.rate}`);
  if (modes.length === 0) throw new Error("fault modes must not be empty");
  const random = mulberry32(config.seed);
  return {
    next() {
      if (random() >= config.rate) return null;
      return modes[Math.floor(random() * modes.length)] ?? null;
    },
  };
}

export type CorruptedContent = { content: string; finishReason: "stop" | "length" };

/**
 * Rewrites a reply the way real models break JSON. Modes that need structure
 * (trailing_comma, single_quotes, wrong_types, missing_field) assume a JSON object and
 * leave other text unchanged; prose, fence and truncate work on any text.
 */
export function corruptContent(mode: ContentFault, content: string): CorruptedContent {
  const object = parseObject(content);
  switch (mode) {
    case "prose":
      return stop(`Sure! Here is the JSON you asked for:\n\n${content}\n\nLet me know if you'd like any changes.`);
    case "fence":
      return stop("```json\n" + content + "\n```");
    case "truncate": {
      // Cut well inside the text so the JSON is never accidentally complete.
      const points = Array.from(content);
      return { content: points.slice(0, Math.max(1, Math.floor(points.length * 0.6))).join(""), finishReason: "length" };
    }
    case "trailing_comma":
      // Pretty-printed JSON has newlines only between tokens, so this never touches string contents.
      return stop(object ? JSON.stringify(object, null, 2).replace(/([^[{,\s])(\n\s*[}\]])/g, "$1,$2") : content);
    case "single_quotes":
      return stop(object ? toSingleQuoted(object) : content);
    case "wrong_types":
      return stop(object ? JSON.stringify(Object.fromEntries(Object.entries(object).map(([key, value]) => [key, mistype(value)]))) : content);
    case "missing_field":
      return stop(object ? JSON.stringify(Object.fromEntries(Object.entries(object).slice(0, -1))) : content);
  }
}

function stop(content: string): CorruptedContent {
  return { content, finishReason: "stop" };
}

function parseObject(content: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(content);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The classic model slip: numbers as strings, lists as one comma-joined string. */
function mistype(value: unknown): unknown {
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map(String).join(", ");
  return value;
}

/** Python-dict style output: JSON with single-quoted keys and strings. */
function toSingleQuoted(value: unknown): string {
  if (typeof value === "string") {
    // Reuse JSON's escaping, then swap the quote style; escape pairs are matched whole
    // so an escaped backslash before a quote is never misread.
    const body = JSON.stringify(value)
      .slice(1, -1)
      .replace(/\\.|'/g, (match) => (match === '\\"' ? '"' : match === "'" ? "\\'" : match));
    return `'${body}'`;
  }
  if (Array.isArray(value)) return `[${value.map(toSingleQuoted).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.entries(value)
      .map(([key, entry]) => `${toSingleQuoted(key)}: ${toSingleQuoted(entry)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
