import { describe, expect, it } from "vitest";
import { replySchema, type Reply } from "@/lib/features/reply";
import type { Criterion, TrialOutput } from "../types";
import { checkCriterion, type Judge, type TrialFacts } from "./check";
import { criteriaFor } from "./define";

const c = criteriaFor<Reply>();
const reply: TrialOutput = { answer: "Use **PgBouncer**.", summary: "Use a pooler.", tags: ["postgres", "pgbouncer"], confidence: 0.8 };
const refusal: TrialOutput = { error: { code: "bad_request:api", message: "The message is empty." } };

function facts(output: TrialOutput, extra: Partial<TrialFacts> = {}): TrialFacts {
  return { output, input: { message: "q" }, schema: replySchema, latencyMs: 1_200, costMicros: 150, unpricedModels: [], judge: null, ...extra };
}

async function verdict(criterion: Criterion, output: TrialOutput = reply, extra: Partial<TrialFacts> = {}) {
  return checkCriterion(criterion, facts(output, extra));
}

describe("criteria", () => {
  it("schema: passes a valid value; fails a refusal and an invalid value, saying why", async () => {
    expect(await verdict(c.schemaValid())).toMatchObject({ status: "passed", reason: null, label: "output matches the feature's schema" });
    expect((await verdict(c.schemaValid(), refusal)).reason).toBe("there is no value to validate: the pipeline answered bad_request:api (The message is empty.)");
    expect((await verdict(c.schemaValid(), { ...reply, confidence: 3 })).reason).toMatch(/^the output does not match the schema: confidence: /);
  });

  it("equals: deep equality on a path, the actual value in the reason", async () => {
    expect((await verdict(c.refusedWith("bad_request:api"), refusal)).status).toBe("passed");
    const failed = await verdict(c.refusedWith("payload_too_large:chat"), refusal);
    expect(failed.reason).toBe('error.code is "bad_request:api", expected "payload_too_large:chat"');
    expect((await verdict(c.equals("tags", ["postgres", "pgbouncer"]))).status).toBe("passed");
    expect((await verdict(c.refusedWith("bad_request:api"))).reason).toBe("error.code is missing");
  });

  it("text: regex, or normalized (case, punctuation, width) equality and containment", async () => {
    expect((await verdict(c.matches("answer", /pgbouncer/i))).status).toBe("passed");
    expect((await verdict(c.matches("answer", /redis/i))).reason).toBe('answer "Use **PgBouncer**." does not match /redis/i');
    expect((await verdict(c.textEquals("summary", "USE A POOLER"))).status).toBe("passed");
    expect((await verdict(c.textContains("answer", "ｐｇｂｏｕｎｃｅｒ"))).status).toBe("passed");
    expect((await verdict(c.textContains("summary", "redis"))).reason).toBe('summary "Use a pooler." does not contain "redis" (normalized)');
    // A list is matched as its items joined.
    expect((await verdict(c.matches("tags", /postgres, pgbouncer/))).status).toBe("passed");
  });

  it("range: numbers and lengths, with the bound that was crossed", async () => {
    expect((await verdict(c.inRange("confidence", { min: 0, max: 1 }))).status).toBe("passed");
    expect((await verdict(c.inRange("confidence", { max: 0.6 }))).reason).toBe("confidence is 0.8, above the maximum 0.6");
    expect((await verdict(c.inRange("summary.length", { min: 20 }))).reason).toBe("summary.length is 13, below the minimum 20");
    expect((await verdict(c.inRange("tags.length", { max: 5 }))).status).toBe("passed");
    expect((await verdict(c.inRange("answer", { max: 1 }))).reason).toBe('answer is "Use **PgBouncer**.", not a number');
    expect((await verdict(c.inRange("confidence", { max: 1 }), refusal)).reason).toBe("confidence is missing: the pipeline answered bad_request:api");
  });

  it("contains / excludes: all or any, whole items or parts of items, case-insensitive", async () => {
    expect((await verdict(c.contains("tags", ["Postgres", "pgbouncer"]))).status).toBe("passed");
    expect((await verdict(c.contains("tags", ["postgres", "redis"]))).reason).toBe('tags ["postgres","pgbouncer"] lacks "redis"');
    expect((await verdict(c.contains("tags", ["redis", "postgres"], { match: "any" }))).status).toBe("passed");
    expect((await verdict(c.contains("tags", ["bouncer"], { substring: true }))).status).toBe("passed");
    expect((await verdict(c.contains("tags", ["bouncer"]))).status).toBe("failed");
    expect((await verdict(c.excludes("tags", ["redis"]))).status).toBe("passed");
    expect((await verdict(c.excludes("tags", ["PGBOUNCER"]))).reason).toBe('tags ["postgres","pgbouncer"] contains "PGBOUNCER"');
    expect((await verdict(c.contains("summary", ["x"]))).reason).toBe('summary is "Use a pooler.", not a list');
  });

  it("must-not-contain: searches every string of the output (or the paths given), naming where it hit", async () => {
    expect((await verdict(c.mustNotContain(["system prompt"]))).status).toBe("passed");
    expect((await verdict(c.mustNotContain(["POOLER"]))).reason).toBe('summary contains "POOLER"');
    expect((await verdict(c.mustNotContain([/pg\w+/]))).reason).toBe("tags.1 contains /pg\\w+/");
    expect((await verdict(c.mustNotContain(["pooler"], ["answer"]))).status).toBe("passed");
  });

  it("latency and cost ceilings; an unpriced model's cost is unknown, not zero", async () => {
    expect((await verdict(c.latencyAtMost(2_000))).status).toBe("passed");
    expect((await verdict(c.latencyAtMost(1_000))).reason).toBe("took 1,200 ms, over the ceiling of 1,000 ms");
    expect((await verdict(c.costAtMost(150))).status).toBe("passed");
    expect((await verdict(c.costAtMost(100))).reason).toBe("cost 150 µ$, over the ceiling of 100 µ$");
    const unpriced = await verdict(c.costAtMost(1_000_000), reply, { costMicros: 0, unpricedModels: ["llama3.1:8b"] });
    expect(unpriced.status).toBe("failed");
    expect(unpriced.reason).toMatch(/no price is known for llama3\.1:8b/);
  });

  it("judge: skipped without a real model (never passed); otherwise the judge's yes or no, with its reason", async () => {
    const skipped = await verdict(c.judge("The answer mentions PgBouncer."));
    expect(skipped).toMatchObject({ kind: "judge", status: "skipped" });
    expect(skipped.reason).toMatch(/no real model is configured/);

    const seen: Parameters<Judge>[0][] = [];
    const judge: Judge = async (request) => {
      seen.push(request);
      return /PgBouncer/.test(String(request.output.answer)) ? { pass: true, reason: "it does" } : { pass: false, reason: "no pooler named" };
    };
    expect((await verdict(c.judge("Mentions PgBouncer."), reply, { judge })).status).toBe("passed");
    expect(seen[0]).toEqual({ rubric: "Mentions PgBouncer.", input: { message: "q" }, output: reply });
    expect((await verdict(c.judge("Mentions PgBouncer."), { ...reply, answer: "Use a pooler." }, { judge })).reason).toBe("the judge says no: no pooler named");
    expect((await verdict(c.judge("x"), refusal, { judge })).reason).toMatch(/^there is no output to judge/);
    const broken: Judge = async () => {
      throw new Error("HTTP 500");
    };
    expect((await verdict(c.judge("x"), reply, { judge: broken })).reason).toBe("the judge could not answer: HTTP 500");
  });
});
