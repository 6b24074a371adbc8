import type { ErrorCode } from "@/lib/errors";
import type { Criterion, FieldPath, Json } from "../types";

/**
 * The criteria, typed by a feature's output so a misspelt field is a compile
 * error: `const c = criteriaFor<Reply>(); c.inRange("confidence", { max: 0.6 })`.
 */
export function criteriaFor<Output>() {
  type Path = FieldPath<Output>;
  return {
    /** The output is a value of the feature's schema (fails on a refusal or a failed run). */
    schemaValid: (): Criterion => ({ kind: "schema" }),
    /** The field is deeply equal to `value`. */
    equals: (path: Path, value: Json): Criterion => ({ kind: "equals", path, value }),
    /** The pipeline refused the input with this error code (sugar for equals on `error.code`). */
    refusedWith: (code: ErrorCode): Criterion => ({ kind: "equals", path: "error.code", value: code }),
    /** The field (a list is joined with ", ") matches the regex. */
    matches: (path: Path, regex: RegExp): Criterion => ({ kind: "text", path, pattern: { regex } }),
    /** The field equals `text` once both are normalized. */
    textEquals: (path: Path, text: string): Criterion => ({ kind: "text", path, pattern: { normalized: text, mode: "equals" } }),
    /** The normalized field contains the normalized `text`. */
    textContains: (path: Path, text: string): Criterion => ({ kind: "text", path, pattern: { normalized: text, mode: "contains" } }),
    /** The field is a number within [min, max]. */
    inRange: (path: Path, range: { min?: number; max?: number }): Criterion => ({ kind: "range", path, ...range }),
    /**
     * The list contains the values (case-insensitive): all of them, or any one;
     * `substring` accepts an item that contains the value ("postgresql" for "postgres").
     */
    contains: (path: Path, values: readonly string[], options: { match?: "all" | "any"; substring?: boolean } = {}): Criterion => ({
      kind: "contains",
      path,
      values,
      match: options.match ?? "all",
      substring: options.substring ?? false,
    }),
    /** The list contains none of the values (case-insensitive). */
    excludes: (path: Path, values: readonly string[]): Criterion => ({ kind: "excludes", path, values }),
    /** No string in the output (or in `paths`) contains any of the values: a string case-insensitively, or a regex. */
    mustNotContain: (values: readonly (string | RegExp)[], paths?: readonly Path[]): Criterion => ({
      kind: "must_not_contain",
      values,
      paths,
    }),
    /** The trial, retries included, took at most this long. */
    latencyAtMost: (maxMs: number): Criterion => ({ kind: "latency", maxMs }),
    /** The trial's model calls cost at most this many micro-dollars (the offline model's price is nominal). */
    costAtMost: (maxMicros: number): Criterion => ({ kind: "cost", maxMicros }),
    /**
     * An LLM judge answers a yes/no rubric about the input and output. Needs a
     * real model: with only the offline model it is reported as skipped, never passed.
     */
    judge: (rubric: string): Criterion => ({ kind: "judge", rubric }),
  };
}
