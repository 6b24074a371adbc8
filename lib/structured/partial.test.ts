import { describe, expect, it } from "vitest";
import { parsePartial } from "./partial";

describe("parsePartial", () => {
  it("returns undefined until an object starts", async () => {
    for (const text of ["", "Sure", "Sure, here is the JSON:\n```json\n", "[1, 2"]) {
      expect(await parsePartial(text)).toBeUndefined();
    }
  });

  it("reads a partial object after a fence or prose", async () => {
    expect(await parsePartial("```json\n{")).toEqual({});
    expect(await parsePartial('Sure:\n```json\n{"answer": "Par')).toEqual({ answer: "Par" });
    expect(await parsePartial('{"answer": "Paris", "tags": ["geo", "fr')).toEqual({ answer: "Paris", tags: ["geo", "fr"] });
  });

  it("leaves out a half-written key instead of inventing a null", async () => {
    expect(await parsePartial('{"answer": "Paris", "summ')).toEqual({ answer: "Paris" });
    expect(await parsePartial('{"answer": "Paris", "summary": ')).toEqual({ answer: "Paris" });
  });

  it("falls back to jsonrepair for syntax the SDK parser rejects", async () => {
    expect(await parsePartial("{'answer': 'Par")).toEqual({ answer: "Par" });
    expect(await parsePartial("{answer: 'Paris', // note\n tags: [")).toEqual({ answer: "Paris", tags: [] });
  });

  it("returns the complete object once it closes, ignoring what follows", async () => {
    expect(await parsePartial('{"a": 1, "b": {"c": [true]}}\n```\nDone!')).toEqual({ a: 1, b: { c: [true] } });
  });

  it("never throws on any prefix of a messy reply", async () => {
    const reply = 'Here you go:\n```json\n{"answer": "A {brace} and \\"quote\\" 🇫🇷", \'tags\': [\'x\',], confidence: 0.9}\n```\nBye';
    let last: unknown;
    for (let i = 0; i <= reply.length; i++) last = await parsePartial(reply.slice(0, i));
    expect(last).toEqual({ answer: 'A {brace} and "quote" 🇫🇷', tags: ["x"], confidence: 0.9 });
    for (const garbage of ["{".repeat(50_000), "\ud800{\"\udfff", '{"a": "\u0001', "[{]}", "\n```json" + " ".repeat(100_000)]) {
      const value = await parsePartial(garbage);
      expect(value === undefined || (typeof value === "object" && !Array.isArray(value))).toBe(true);
    }
  });
});
