import { isDeepStrictEqual } from "node:util";
import type { z } from "zod";
import type { AssertionResult, Criterion, Json, TrialOutput } from "../types";
import { describeCriterion } from "./describe";
import { readPath, stringLeaves } from "./paths";
import { asText, formatInteger, normalizeText, quote } from "./text";

/** A yes/no verdict from the LLM judge, or null when no real model is configured. */
export type Judge = (request: { rubric: string; input: Json; output: TrialOutput }) => Promise<{ pass: boolean; reason: string }>;

export type TrialFacts = {
  output: TrialOutput;
  /** The input as given to the feature: what the judge reads. */
  input: Json;
  schema: z.ZodType;
  latencyMs: number;
  costMicros: number;
  /** Models called without a known price: a cost ceiling cannot be vouched for. */
  unpricedModels: readonly string[];
  judge: Judge | null;
};

/** Every criterion of a case against one trial, in order. */
export async function checkCriteria(criteria: readonly Criterion[], facts: TrialFacts): Promise<AssertionResult[]> {
  const results: AssertionResult[] = [];
  for (const criterion of criteria) results.push(await checkCriterion(criterion, facts));
  return results;
}

export async function checkCriterion(criterion: Criterion, facts: TrialFacts): Promise<AssertionResult> {
  const label = describeCriterion(criterion);
  const verdict = criterion.kind === "judge" ? await checkJudge(criterion.rubric, facts) : checkSync(criterion, facts);
  return { kind: criterion.kind, label, ...verdict };
}

type Verdict = Pick<AssertionResult, "status" | "reason">;
const pass: Verdict = { status: "passed", reason: null };
const fail = (reason: string): Verdict => ({ status: "failed", reason });

/** The pipeline's error, in words, for a criterion that needed a value. */
function errorOf(output: TrialOutput): string | null {
  const code = readPath(output, "error.code");
  if (!code.found) return null;
  const message = readPath(output, "error.message");
  return `${String(code.value)}${message.found ? ` (${String(message.value)})` : ""}`;
}

function checkSync(criterion: Exclude<Criterion, { kind: "judge" }>, facts: TrialFacts): Verdict {
  const { output } = facts;
  switch (criterion.kind) {
    case "schema": {
      const error = errorOf(output);
      if (error) return fail(`there is no value to validate: the pipeline answered ${error}`);
      const parsed = facts.schema.safeParse(output);
      if (parsed.success) return pass;
      const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
      return fail(`the output does not match the schema: ${issues.join("; ")}`);
    }
    case "equals": {
      const found = readPath(output, criterion.path);
      if (!found.found) return fail(`${criterion.path} is missing${missingBecause(output)}`);
      if (isDeepStrictEqual(found.value, criterion.value)) return pass;
      return fail(`${criterion.path} is ${quote(found.value)}, expected ${quote(criterion.value)}`);
    }
    case "text": {
      const found = readPath(output, criterion.path);
      if (!found.found) return fail(`${criterion.path} is missing${missingBecause(output)}`);
      const text = asText(found.value);
      const { pattern } = criterion;
      if ("regex" in pattern) {
        // A fresh RegExp: a /g or /y flag would otherwise carry lastIndex from one trial to the next.
        return new RegExp(pattern.regex.source, pattern.regex.flags).test(text)
          ? pass
          : fail(`${criterion.path} ${quote(text)} does not match ${String(pattern.regex)}`);
      }
      const actual = normalizeText(text);
      const wanted = normalizeText(pattern.normalized);
      const ok = pattern.mode === "equals" ? actual === wanted : actual.includes(wanted);
      return ok ? pass : fail(`${criterion.path} ${quote(text)} does not ${pattern.mode === "equals" ? "equal" : "contain"} ${quote(pattern.normalized)} (normalized)`);
    }
    case "range": {
      const found = readPath(output, criterion.path);
      if (!found.found) return fail(`${criterion.path} is missing${missingBecause(output)}`);
      const value = found.value;
      if (typeof value !== "number" || !Number.isFinite(value)) return fail(`${criterion.path} is ${quote(value)}, not a number`);
      if (criterion.min !== undefined && value < criterion.min) return fail(`${criterion.path} is ${value}, below the minimum ${criterion.min}`);
      if (criterion.max !== undefined && value > criterion.max) return fail(`${criterion.path} is ${value}, above the maximum ${criterion.max}`);
      return pass;
    }
    case "contains": {
      const list = readList(output, criterion.path);
      if (typeof list === "string") return fail(list);
      const has = (wanted: string) =>
        list.some((item) => (criterion.substring ? item.includes(wanted.toLowerCase()) : item === wanted.toLowerCase()));
      const absent = criterion.values.filter((value) => !has(value));
      const ok = criterion.match === "all" ? absent.length === 0 : absent.length < criterion.values.length;
      if (ok) return pass;
      return criterion.match === "all"
        ? fail(`${criterion.path} ${quote(list)} lacks ${absent.map((value) => quote(value)).join(", ")}`)
        : fail(`${criterion.path} ${quote(list)} contains none of ${criterion.values.map((value) => quote(value)).join(", ")}`);
    }
    case "excludes": {
      const list = readList(output, criterion.path);
      if (typeof list === "string") return fail(list);
      const present = criterion.values.filter((value) => list.includes(value.toLowerCase()));
      return present.length === 0 ? pass : fail(`${criterion.path} ${quote(list)} contains ${present.map((value) => quote(value)).join(", ")}`);
    }
    case "must_not_contain": {
      const leaves = criterion.paths
        ? criterion.paths.flatMap((path) => {
            const found = readPath(output, path);
            return found.found ? stringLeaves(found.value as Json, path) : [];
          })
        : stringLeaves(output);
      for (const leaf of leaves) {
        for (const needle of criterion.values) {
          const hit =
            typeof needle === "string"
              ? leaf.text.toLowerCase().includes(needle.toLowerCase())
              : new RegExp(needle.source, needle.flags).test(leaf.text);
          if (hit) return fail(`${leaf.path} contains ${typeof needle === "string" ? quote(needle) : String(needle)}`);
        }
      }
      return pass;
    }
    case "latency":
      return facts.latencyMs <= criterion.maxMs
        ? pass
        : fail(`took ${formatInteger(facts.latencyMs)} ms, over the ceiling of ${formatInteger(criterion.maxMs)} ms`);
    case "cost":
      if (facts.unpricedModels.length > 0) {
        return fail(`no price is known for ${facts.unpricedModels.join(", ")} (add it to BUDGET_MODEL_PRICES), so the cost is unknown`);
      }
      return facts.costMicros <= criterion.maxMicros
        ? pass
        : fail(`cost ${formatInteger(facts.costMicros)} µ$, over the ceiling of ${formatInteger(criterion.maxMicros)} µ$`);
  }
}

/** A list criterion's items, lowercased, or why there is no list. */
function readList(output: TrialOutput, path: string): string[] | string {
  const found = readPath(output, path);
  if (!found.found) return `${path} is missing${missingBecause(output)}`;
  if (!Array.isArray(found.value)) return `${path} is ${quote(found.value)}, not a list`;
  return found.value.map((item) => asText(item).toLowerCase());
}

/** Why a field is absent: the error code alone (the schema criterion already quotes its message). */
function missingBecause(output: TrialOutput): string {
  const code = readPath(output, "error.code");
  return code.found ? `: the pipeline answered ${String(code.value)}` : "";
}

async function checkJudge(rubric: string, facts: TrialFacts): Promise<Verdict> {
  if (!facts.judge) {
    return { status: "skipped", reason: "no real model is configured (OPENAI_API_KEY or OPENAI_BASE_URL); the offline model cannot judge" };
  }
  const code = readPath(facts.output, "error.code");
  if (code.found) return fail(`there is no output to judge: the pipeline answered ${String(code.value)}`);
  try {
    const verdict = await facts.judge({ rubric, input: facts.input, output: facts.output });
    return verdict.pass ? pass : fail(`the judge says no: ${verdict.reason}`);
  } catch (cause) {
    // A judge that cannot answer is not a pass: the criterion fails and says so.
    return fail(`the judge could not answer: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
