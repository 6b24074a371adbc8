import { parsePartialJson } from "ai";
import { extractJson } from "./extract";
import { repairJson } from "./repair";

export type PartialObject = Record<string, unknown>;

/**
 * The best-effort object so far in a streaming reply, for progressive rendering.
 * Tolerates a fence or prose before the `{`. Not validated: the final text goes
 * through parseStructured. Returns undefined until an object starts; never throws.
 */
export async function parsePartial(text: string): Promise<PartialObject | undefined> {
  try {
    const extracted = extractJson(text);
    if (!extracted.found) return undefined;
    // A closed object is no longer partial: repair it fully.
    if (extracted.balanced) {
      const complete = repairJson(extracted.json);
      return complete.ok && isPlainObject(complete.value) ? complete.value : undefined;
    }
    // The AI SDK's partial parser drops half-written keys and literals cleanly;
    // jsonrepair covers what it rejects (single quotes, unquoted keys, comments).
    // It reads `{'a': 'x` as `{}`, so an empty result also tries jsonrepair, kept
    // only if it found a real value (jsonrepair turns a dangling `"a":` into null).
    const partial = await parsePartialJson(extracted.json);
    const fromSdk = partial.state !== "failed-parse" && isPlainObject(partial.value) ? partial.value : undefined;
    if (fromSdk && Object.keys(fromSdk).length > 0) return fromSdk;
    const repaired = repairJson(extracted.json);
    const fromRepair = repaired.ok && isPlainObject(repaired.value) ? repaired.value : undefined;
    if (fromRepair && (!fromSdk || Object.values(fromRepair).some((v) => v !== null))) return fromRepair;
    return fromSdk;
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is PartialObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
