import { jsonrepair } from "jsonrepair";
import type { RepairName } from "./repair-names";
import { maskStrings, scanObject } from "./scan";

export type RepairResult =
  | { ok: true; value: unknown; steps: RepairName[] }
  | { ok: false; message: string };

/**
 * Parses JSON text, falling back to `jsonrepair` only when `JSON.parse` fails, so
 * valid JSON is never rewritten. The repairs are named by inspecting the input
 * (jsonrepair does not report what it changed). Never throws.
 */
export function repairJson(json: string): RepairResult {
  try {
    return { ok: true, value: JSON.parse(json), steps: [] };
  } catch {
    // fall through to repair
  }
  try {
    const repaired = jsonrepair(json);
    return { ok: true, value: JSON.parse(repaired), steps: detectRepairs(json) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

const TRAILING_COMMA = /,\s*[}\]]/;
const UNQUOTED_KEY = /[{,]\s*[A-Za-z_$][\w$]*\s*:/;
const COMMENT = /\/\/|\/\*/;
const PYTHON_LITERAL = /\b(?:True|False|None)\b/;

/** Names what is wrong with `json`, looking only outside double-quoted strings. */
export function detectRepairs(json: string): RepairName[] {
  const { masked, controlInString } = maskStrings(json);
  const uncommented = masked.replace(/\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/g, " ");
  const steps: RepairName[] = [];
  const start = json.indexOf("{");
  if (start !== -1 && !scanObject(json, start).closed) steps.push("closed_truncated_json");
  if (TRAILING_COMMA.test(uncommented)) steps.push("removed_trailing_commas");
  if (masked.includes("'")) steps.push("replaced_single_quotes");
  if (/[\u201C\u201D\u2018\u2019]/.test(masked)) steps.push("replaced_smart_quotes");
  if (UNQUOTED_KEY.test(uncommented)) steps.push("quoted_unquoted_keys");
  if (COMMENT.test(masked)) steps.push("removed_comments");
  if (PYTHON_LITERAL.test(masked)) steps.push("replaced_python_literals");
  if (controlInString) steps.push("escaped_control_characters");
  // Anything else jsonrepair fixed (missing commas, unescaped quotes, ...).
  if (steps.length === 0) steps.push("fixed_json_syntax");
  return steps;
}
