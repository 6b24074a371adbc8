import diff from "microdiff";
import type { Json } from "../types";

export type FieldChange = "same" | "changed" | "missing" | "unexpected";

export type FieldRow = {
  /** "summary", "tags", "error.code". */
  path: string;
  change: FieldChange;
  expected: Json | undefined;
  actual: Json | undefined;
  /** For lists: items only one side has. */
  onlyExpected?: Json[];
  onlyActual?: Json[];
};

type JsonRecord = { [key: string]: Json };
const isRecord = (value: Json | undefined): value is JsonRecord => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The actual output restricted to what the reference speaks about: its fields
 * (recursively), plus an `error` the reference did not expect. The answer's
 * prose is not compared with a reference answer field by field; criteria judge it.
 */
function project(expected: JsonRecord, actual: JsonRecord): JsonRecord {
  const out: JsonRecord = {};
  for (const key of Object.keys(expected)) {
    if (!(key in actual)) continue;
    const wanted = expected[key];
    const got = actual[key];
    out[key] = isRecord(wanted) && isRecord(got) ? project(wanted, got) : (got as Json);
  }
  if ("error" in actual && !("error" in expected)) out.error = actual.error as Json;
  return out;
}

function at(value: Json | undefined, path: readonly (string | number)[]): Json | undefined {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === "number") current = current[key];
    else if (isRecord(current) && typeof key === "string") current = current[key];
    else return undefined;
  }
  return current;
}

/**
 * Expected vs actual as a field-level diff (microdiff finds the changes). A
 * list is one row, with the items only one side has, because "tags.2 changed"
 * says less than "pooling is missing, pool is extra".
 */
export function fieldDiff(expectedValue: Json, actualValue: Json): FieldRow[] {
  const expected = isRecord(expectedValue) ? expectedValue : { value: expectedValue };
  const actual = project(expected, isRecord(actualValue) ? actualValue : { value: actualValue });
  const changes = new Map<string, { path: (string | number)[]; change: FieldChange }>();
  for (const entry of diff(expected, actual)) {
    // Cut the path at the first list index: the list is the field.
    const cut = entry.path.findIndex((key) => typeof key === "number");
    const path = cut === -1 ? entry.path : entry.path.slice(0, cut);
    const key = path.join(".");
    const change: FieldChange = cut !== -1 ? "changed" : entry.type === "REMOVE" ? "missing" : entry.type === "CREATE" ? "unexpected" : "changed";
    if (!changes.has(key)) changes.set(key, { path, change });
  }

  const rows: FieldRow[] = [];
  const walk = (prefix: (string | number)[], left: Json | undefined, right: Json | undefined) => {
    const key = prefix.join(".");
    const found = changes.get(key);
    const nestedChange = [...changes.keys()].some((other) => other.startsWith(`${key}.`));
    if (!found && nestedChange && isRecord(left) && isRecord(right)) {
      for (const child of new Set([...Object.keys(left), ...Object.keys(right)])) walk([...prefix, child], left[child], right[child]);
      return;
    }
    const row: FieldRow = { path: key, change: found?.change ?? "same", expected: left, actual: right };
    if (Array.isArray(left) && Array.isArray(right) && row.change === "changed") {
      const seen = (list: Json[], item: Json) => list.some((other) => JSON.stringify(other) === JSON.stringify(item));
      row.onlyExpected = left.filter((item) => !seen(right, item));
      row.onlyActual = right.filter((item) => !seen(left, item));
    }
    rows.push(row);
  };
  for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) walk([key], at(expected, [key]), at(actual, [key]));
  return rows;
}
