import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validateStructured } from "./validate";

describe("validateStructured coercions are declared by the schema", () => {
  it("coerces a numeric string only where the field is a number", () => {
    const schema = z.object({ n: z.number(), s: z.string() });
    expect(validateStructured({ n: "2.5", s: "0.8" }, schema)).toEqual({ ok: true, value: { n: 2.5, s: "0.8" }, steps: ["coerced_number_from_string"] });
  });

  it("does not stringify a number where a string is expected", () => {
    const result = validateStructured({ s: 5 }, z.object({ s: z.string() }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toBe("s: expected string, got number 5");
  });

  it("wraps a lone string only for arrays of strings (or string enums)", () => {
    expect(validateStructured({ a: "x" }, z.object({ a: z.array(z.string()) }))).toMatchObject({ ok: true, value: { a: ["x"] } });
    expect(validateStructured({ a: "low" }, z.object({ a: z.array(z.enum(["low", "high"])) }))).toMatchObject({ ok: true, value: { a: ["low"] } });
    expect(validateStructured({ a: "1" }, z.object({ a: z.array(z.number()) })).ok).toBe(false);
  });

  it("walks nested objects, arrays of objects and optional/nullable wrappers", () => {
    const schema = z.object({
      items: z.array(z.object({ n: z.number().nullable() })),
      meta: z.object({ k: z.number().optional() }).optional(),
    });
    expect(validateStructured({ items: [{ n: "1" }, { n: null }], meta: { k: "-3" } }, schema)).toEqual({
      ok: true,
      value: { items: [{ n: 1 }, { n: null }], meta: { k: -3 } },
      steps: ["coerced_number_from_string"],
    });
  });

  it("never turns non-numbers into numbers", () => {
    const schema = z.object({ n: z.number() });
    for (const n of ["", " ", "0x10", "1,5", "1.2.3", "NaN", "Infinity", "5 apples"]) {
      expect(validateStructured({ n }, schema).ok, n).toBe(false);
    }
  });

  it("does not mutate its input", () => {
    const input = { n: "1", extra: true };
    validateStructured(input, z.object({ n: z.number() }));
    expect(input).toEqual({ n: "1", extra: true });
  });

  it("records dropped keys for stripping objects, not for loose ones", () => {
    expect(validateStructured({ a: 1, b: 2 }, z.object({ a: z.number() }))).toEqual({ ok: true, value: { a: 1 }, steps: ["dropped_extra_keys"] });
    expect(validateStructured({ a: 1, b: 2 }, z.looseObject({ a: z.number() }))).toEqual({ ok: true, value: { a: 1, b: 2 }, steps: [] });
  });

  it("treats a __proto__ key as a plain extra key", () => {
    const result = validateStructured(JSON.parse('{"__proto__": {"polluted": 1}, "a": "1"}'), z.object({ a: z.number() }));
    expect(result).toEqual({ ok: true, value: { a: 1 }, steps: ["dropped_extra_keys", "coerced_number_from_string"] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("adds no default of its own; a schema's declared default still applies", () => {
    expect(validateStructured({}, z.object({ n: z.number() })).ok).toBe(false);
    expect(validateStructured({}, z.object({ n: z.number().default(3) }))).toMatchObject({ ok: true, value: { n: 3 } });
  });

  it("formats exclusive bounds and the root path", () => {
    const gt = validateStructured({ n: 0 }, z.object({ n: z.number().gt(0) }));
    if (gt.ok) expect.fail();
    expect(gt.message).toBe("n: too small, more than 0 (got 0)");
    const root = validateStructured([1], z.object({}));
    if (root.ok) expect.fail();
    expect(root.message).toBe("(root): expected object, got array");
  });
});
