import { z } from "zod";
import { quote } from "./errors";
import type { RepairName } from "./repair-names";

export type ValidateResult<T> =
  | { ok: true; value: T; steps: RepairName[] }
  | { ok: false; message: string; issues: z.core.$ZodIssue[] };

/**
 * Validates a parsed value against a schema after the coercions its shape
 * declares: a numeric string where a number field is, a lone string where an
 * array of strings is. Nothing else is changed: missing fields get no default
 * (beyond the schema's own), over-long strings are not cut, numbers not clamped.
 */
export function validateStructured<S extends z.ZodType>(value: unknown, schema: S): ValidateResult<z.output<S>> {
  const steps = new Set<RepairName>();
  const coerced = coerce(value, schema, steps);
  let result: ReturnType<S["safeParse"]>;
  try {
    result = schema.safeParse(coerced) as ReturnType<S["safeParse"]>;
  } catch (error) {
    // A throwing refine/transform in a feature schema must not crash the pipeline.
    const message = `schema check threw: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, message, issues: [] };
  }
  if (!result.success) {
    return { ok: false, message: formatIssues(result.error.issues, coerced), issues: result.error.issues };
  }
  return { ok: true, value: result.data as z.output<S>, steps: [...steps] };
}

const NUMERIC = /^\s*-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

function coerce(value: unknown, schema: z.ZodType, steps: Set<RepairName>): unknown {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodNumber) {
    if (typeof value === "string" && NUMERIC.test(value)) {
      steps.add("coerced_number_from_string");
      return Number(value);
    }
    return value;
  }
  if (inner instanceof z.ZodArray) {
    const element = inner.element as z.ZodType;
    if (typeof value === "string" && isStringSchema(unwrap(element))) {
      steps.add("wrapped_string_in_array");
      return [value];
    }
    return Array.isArray(value) ? value.map((item) => coerce(item, element, steps)) : value;
  }
  if (inner instanceof z.ZodObject && isPlainObject(value)) {
    const shape = inner.shape as Record<string, z.ZodType>;
    const strips = inner._zod.def.catchall === undefined; // strict/loose objects keep their own rule
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      const fieldSchema = Object.hasOwn(shape, key) ? shape[key] : undefined;
      if (!fieldSchema && strips) steps.add("dropped_extra_keys");
      // defineProperty: a "__proto__" key from JSON.parse must stay a plain key.
      Object.defineProperty(out, key, {
        value: fieldSchema ? coerce(field, fieldSchema, steps) : field,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** Looks through wrappers that do not change the field's type. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodDefault) {
      current = current.unwrap() as z.ZodType;
    } else break;
  }
  return current;
}

function isStringSchema(schema: z.ZodType): boolean {
  return schema instanceof z.ZodString || (schema instanceof z.ZodEnum && schema.options.every((o) => typeof o === "string"));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const MAX_ISSUES = 5;

/** `summary: too long, at most 200 characters (got 214); confidence: expected number, got string "high"` */
export function formatIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  const parts = issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = issue.path.length === 0 ? "(root)" : issue.path.map(String).join(".");
    return `${path}: ${describeIssue(issue, valueAt(input, issue.path))}`;
  });
  if (issues.length > MAX_ISSUES) parts.push(`(${issues.length - MAX_ISSUES} more)`);
  return parts.join("; ");
}

function describeIssue(issue: z.core.$ZodIssue, got: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      return got === undefined ? `required, missing` : `expected ${issue.expected}, got ${describeValue(got)}`;
    case "too_big":
    case "too_small":
      return describeRange(issue, got);
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(" | ")}, got ${describeValue(got)}`;
    case "unrecognized_keys":
      return `unexpected key(s) ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
    default:
      return issue.message;
  }
}

function describeRange(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall, got: unknown): string {
  const big = issue.code === "too_big";
  const limit = String(big ? issue.maximum : issue.minimum);
  const bound = issue.inclusive === false ? (big ? "less than" : "more than") : big ? "at most" : "at least";
  const length = typeof got === "string" || Array.isArray(got) ? ` (got ${got.length})` : "";
  if (issue.origin === "string") return `${big ? "too long" : "too short"}, ${bound} ${limit} character(s)${length}`;
  if (issue.origin === "array") return `${big ? "too many items" : "too few items"}, ${bound} ${limit}${length}`;
  return `${big ? "too big" : "too small"}, ${bound} ${limit}${typeof got === "number" ? ` (got ${got})` : ""}`;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "string") return `string ${quote(value, 40)}`;
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  return typeof value;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
