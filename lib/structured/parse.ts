import type { z } from "zod";
import { quote, StructuredOutputError } from "./errors";
import { extractJson } from "./extract";
import { repairJson } from "./repair";
import type { RepairName } from "./repair-names";
import { findUnsafeCut } from "./truncation";
import { validateStructured } from "./validate";

export type ParseResult<T> = { ok: true; value: T; repairs: RepairName[] } | { ok: false; error: StructuredOutputError };

export type ParseStructuredOptions = {
  /** The model's finish reason; "length" means it hit the output token limit. */
  finishReason?: string;
};

/**
 * Turns a model reply into a schema-valid value: extract the JSON object, repair
 * its syntax, validate with declared coercions. Never throws; every failure is a
 * StructuredOutputError whose message can go back to the model in a retry.
 *
 * Truncation: an object that never closes (whatever the finish reason) is
 * accepted only if the cut fell between values (see `findUnsafeCut`) and the
 * closed object still satisfies the schema; otherwise it is a `truncated` error.
 * A finish reason of "length" with a closed object means the cut came after the
 * closing brace, so the object is whole and is parsed normally. Only "stop"
 * vouches for a bare number at the cut (the model ended there itself); any other
 * or no finish reason is treated like a length cut.
 */
export function parseStructured<S extends z.ZodType>(text: string, schema: S, options: ParseStructuredOptions = {}): ParseResult<z.infer<S>> {
  try {
    return parse(text, schema, options);
  } catch (error) {
    // Defensive: nothing below should throw, but a parse step must never take the request down.
    const message = `the reply could not be parsed: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, error: new StructuredOutputError("unparseable_json", message, { cause: error }) };
  }
}

function parse<S extends z.ZodType>(text: string, schema: S, { finishReason }: ParseStructuredOptions): ParseResult<z.infer<S>> {
  const fail = (kind: StructuredOutputError["kind"], message: string, repairs: RepairName[] = []): ParseResult<never> => ({
    ok: false,
    error: new StructuredOutputError(kind, message, { repairs }),
  });
  if (typeof text !== "string" || text.trim() === "") return fail("no_json", "the reply is empty; expected one JSON object");

  const extracted = extractJson(text);
  if (!extracted.found) return fail("no_json", `no JSON object found in the reply, which starts ${quote(text.trim())}`);
  const { json, balanced } = extracted;
  const repairs = [...extracted.steps];

  const cutBy = finishReason === "length" ? "the reply hit the output token limit" : "the JSON object is not closed";
  if (!balanced) {
    const cut = findUnsafeCut(json, finishReason === "stop");
    if (cut) return fail("truncated", `${cutBy}: cut off ${cut}, ending ${quote(json, 40, "end")}`, repairs);
  }

  const repaired = repairJson(json);
  if (!repaired.ok) {
    if (!balanced) return fail("truncated", `${cutBy} and the rest could not be repaired (${repaired.message})`, repairs);
    return fail("unparseable_json", `invalid JSON (${repaired.message}) in ${quote(json)}`, repairs);
  }
  repairs.push(...repaired.steps);

  const validated = validateStructured(repaired.value, schema);
  if (!validated.ok) {
    if (!balanced) return fail("truncated", `${cutBy}; what arrived does not match the schema: ${validated.message}`, repairs);
    return fail("schema_mismatch", validated.message, repairs);
  }
  repairs.push(...validated.steps);

  // jsonrepair can join or re-quote strings (`"a" + "b"`, `'it's'` -> `it"s`);
  // a value whose text is not in the JSON would be invented, so refuse it.
  if (repaired.steps.length > 0) {
    const invented = findInventedString(validated.value, json);
    if (invented !== undefined) {
      return fail("unparseable_json", `invalid JSON: repairing it would change the text ${quote(invented, 40)}; use double-quoted strings`, repairs);
    }
  }
  return { ok: true, value: validated.value, repairs: dedupe(repairs) };
}

/** The first string in `value` that appears in `source` neither verbatim nor JSON-escaped. */
function findInventedString(value: unknown, source: string): string | undefined {
  let decoded: string | undefined;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === "string") {
      if (source.includes(current)) continue;
      decoded ??= decodeEscapes(source);
      if (!decoded.includes(current)) return current;
    } else if (typeof current === "object" && current !== null) {
      for (const item of Array.isArray(current) ? current : Object.values(current)) stack.push(item);
    }
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

function decodeEscapes(source: string): string {
  return source.replace(/\\(?:u([0-9a-fA-F]{4})|([\s\S]))/g, (_, hex: string | undefined, ch: string | undefined) =>
    hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : (ESCAPES[ch ?? ""] ?? ch ?? ""),
  );
}

function dedupe(repairs: RepairName[]): RepairName[] {
  return [...new Set(repairs)];
}
