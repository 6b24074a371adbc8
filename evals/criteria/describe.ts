import type { Criterion } from "../types";
import { formatInteger, quote } from "./text";

const list = (values: readonly (string | RegExp)[]) => values.map((value) => (typeof value === "string" ? quote(value, 60) : String(value))).join(", ");

/** A criterion in words, as the summary table, the JUnit report and the admin pages show it. */
export function describeCriterion(criterion: Criterion): string {
  switch (criterion.kind) {
    case "schema":
      return "output matches the feature's schema";
    case "equals":
      return `${criterion.path} equals ${quote(criterion.value, 60)}`;
    case "text": {
      const { pattern } = criterion;
      if ("regex" in pattern) return `${criterion.path} matches ${String(pattern.regex)}`;
      return `${criterion.path} ${pattern.mode === "equals" ? "equals" : "contains"} ${quote(pattern.normalized, 60)} (normalized)`;
    }
    case "range":
      if (criterion.min !== undefined && criterion.max !== undefined) return `${criterion.path} between ${criterion.min} and ${criterion.max}`;
      if (criterion.max !== undefined) return `${criterion.path} at most ${criterion.max}`;
      return `${criterion.path} at least ${criterion.min ?? "-∞"}`;
    case "contains":
      return `${criterion.path} contains ${criterion.match === "all" ? "all of" : "any of"} ${list(criterion.values)}${criterion.substring ? " (as part of an item)" : ""}`;
    case "excludes":
      return `${criterion.path} excludes ${list(criterion.values)}`;
    case "must_not_contain":
      return `${criterion.paths ? criterion.paths.join(", ") : "output"} never contains ${list(criterion.values)}`;
    case "latency":
      return `latency at most ${formatInteger(criterion.maxMs)} ms`;
    case "cost":
      return `cost at most ${formatInteger(criterion.maxMicros)} µ$`;
    case "judge":
      return `judge: ${criterion.rubric}`;
  }
}
