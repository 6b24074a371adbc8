import { describe, expect, it } from "vitest";
import { fieldDiff } from "./field-diff";
import { groupFailuresByCriterion } from "./failures";

describe("fieldDiff", () => {
  it("compares the fields the reference names: same, changed (a list with its missing and extra items)", () => {
    const rows = fieldDiff(
      { summary: "Use a pooler.", tags: ["postgres", "pooling"] },
      { answer: "long prose", summary: "Use a pooler.", tags: ["postgres", "pool"], confidence: 0.4 },
    );
    expect(rows).toEqual([
      { path: "summary", change: "same", expected: "Use a pooler.", actual: "Use a pooler." },
      { path: "tags", change: "changed", expected: ["postgres", "pooling"], actual: ["postgres", "pool"], onlyExpected: ["pooling"], onlyActual: ["pool"] },
    ]);
  });

  it("shows a failed run as every expected field missing and the error it answered with", () => {
    const rows = fieldDiff({ summary: "s", tags: [] }, { error: { code: "invalid_output:model", message: "bad" } });
    expect(rows.map((row) => [row.path, row.change])).toEqual([
      ["summary", "missing"],
      ["tags", "missing"],
      ["error", "unexpected"],
    ]);
    expect(rows[2]?.actual).toEqual({ code: "invalid_output:model", message: "bad" });
  });

  it("compares a refusal's code, leaving its message out of the diff", () => {
    expect(fieldDiff({ error: { code: "bad_request:api" } }, { error: { code: "bad_request:api", message: "The message is empty." } })).toEqual([
      { path: "error", change: "same", expected: { code: "bad_request:api" }, actual: { code: "bad_request:api" } },
    ]);
    expect(fieldDiff({ error: { code: "payload_too_large:chat" } }, { error: { code: "bad_request:api", message: "x" } })).toEqual([
      { path: "error.code", change: "changed", expected: "payload_too_large:chat", actual: "bad_request:api" },
    ]);
  });
});

describe("groupFailuresByCriterion", () => {
  it("groups failed assertions by criterion kind, then by reason, each case with how many trials failed it", () => {
    const groups = groupFailuresByCriterion([
      { caseId: "a", trial: 1, kind: "latency", label: "latency at most 10 ms", reason: "took 20 ms" },
      { caseId: "a", trial: 1, kind: "schema", label: "schema", reason: "no value" },
      { caseId: "a", trial: 2, kind: "schema", label: "schema", reason: "no value" },
      { caseId: "b", trial: 1, kind: "schema", label: "schema", reason: "no value" },
      { caseId: "c", trial: 1, kind: "range", label: "confidence at most 0.6", reason: "confidence is 0.9" },
    ]);
    expect(groups.map((group) => [group.name, group.caseCount, group.reasons.map((entry) => [entry.reason, entry.cases.map((item) => `${item.caseId}×${item.trials}`)])])).toEqual([
      ["Schema validity", 2, [["no value", ["a×2", "b×1"]]]],
      // Equal case counts: the closed set's order (range before latency).
      ["Numeric range", 1, [["confidence is 0.9", ["c×1"]]]],
      ["Latency ceiling", 1, [["took 20 ms", ["a×1"]]]],
    ]);
  });
});
