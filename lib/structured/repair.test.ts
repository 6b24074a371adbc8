import { afterEach, describe, expect, it, vi } from "vitest";
import { detectRepairs, repairJson } from "./repair";

const calls = vi.hoisted(() => ({ count: 0 }));
vi.mock("jsonrepair", async (importOriginal) => {
  const original = await importOriginal<typeof import("jsonrepair")>();
  return {
    ...original,
    jsonrepair: (text: string) => {
      calls.count++;
      return original.jsonrepair(text);
    },
  };
});

afterEach(() => {
  calls.count = 0;
});

describe("repairJson", () => {
  it("does not call jsonrepair for valid JSON", () => {
    expect(repairJson('{"a": [1, "x"]}')).toEqual({ ok: true, value: { a: [1, "x"] }, steps: [] });
    expect(calls.count).toBe(0);
  });

  it("repairs and names what it fixed", () => {
    expect(repairJson("{'a': True, b: [1,],}")).toEqual({
      ok: true,
      value: { a: true, b: [1] },
      steps: ["removed_trailing_commas", "replaced_single_quotes", "quoted_unquoted_keys", "replaced_python_literals"],
    });
    expect(calls.count).toBe(1);
  });

  it("reports failure with jsonrepair's message instead of throwing", () => {
    const result = repairJson('{"a": "\u0001"}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("Invalid character");
    expect(repairJson("").ok).toBe(false);
    expect(repairJson("{".repeat(200_000)).ok).toBeTypeOf("boolean");
  });
});

describe("detectRepairs", () => {
  it.each([
    ['{"a": 1', ["closed_truncated_json"]],
    ['{"a": 1,}', ["removed_trailing_commas"]],
    ["{'a': 1}", ["replaced_single_quotes"]],
    ["{“a”: 1}", ["replaced_smart_quotes"]],
    ['{a: 1, "b": 2}', ["quoted_unquoted_keys"]],
    ['{"a": 1 /* c */}', ["removed_comments"]],
    ['{"a": 1 // c\n}', ["removed_comments"]],
    ['{"a": None}', ["replaced_python_literals"]],
    ['{"a": "x\ny"}', ["escaped_control_characters"]],
    ['{"a": 1 "b": 2}', ["fixed_json_syntax"]],
  ])("%j -> %j", (input, steps) => {
    expect(detectRepairs(input)).toEqual(steps);
  });

  it("does not look inside strings", () => {
    expect(detectRepairs('{"a": "it\'s True, // {b: 1,}" "c": 1}')).toEqual(["fixed_json_syntax"]);
  });
});
