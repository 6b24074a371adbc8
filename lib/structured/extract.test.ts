import { describe, expect, it } from "vitest";
import { extractJson } from "./extract";

describe("extractJson", () => {
  it("returns not found when there is no `{`", () => {
    expect(extractJson("no json here [1, 2]")).toEqual({ found: false });
    expect(extractJson("")).toEqual({ found: false });
  });

  it("takes the object out of a fence and the prose around it", () => {
    expect(extractJson('Here:\n```json\n{"a": 1}\n```\nBye')).toEqual({
      found: true,
      json: '{"a": 1}',
      balanced: true,
      steps: ["removed_code_fence", "removed_leading_prose", "removed_trailing_prose"],
    });
  });

  it("ignores a fence that holds other code, braces included", () => {
    const text = '```js\nif (x) { y(); }\n```\n{"a": 1}';
    expect(extractJson(text)).toMatchObject({ json: '{"a": 1}', steps: ["removed_leading_prose"] });
    expect(extractJson("```js\nif (x) { y(); }\n```")).toEqual({ found: false });
  });

  it("does not take a closing fence for an opening one", () => {
    const text = '```\nls\n```\n```json\n{"a": 1}\n```';
    expect(extractJson(text)).toMatchObject({ json: '{"a": 1}', steps: ["removed_code_fence", "removed_leading_prose"] });
  });

  it("matches braces outside strings only, with escaped quotes", () => {
    const json = '{"a": "}\\"{", "b": {"c": "\\\\"}}';
    expect(extractJson(json + " tail")).toMatchObject({ json, balanced: true, steps: ["removed_trailing_prose"] });
  });

  it("picks the first of several objects and says so", () => {
    expect(extractJson('{"a":1} {"b":2}')).toMatchObject({ json: '{"a":1}', steps: ["picked_first_of_many"] });
  });

  it("does not mistake braces in trailing prose for another object", () => {
    expect(extractJson('{"a":1} use {x} here')).toMatchObject({ steps: ["removed_trailing_prose"] });
  });

  it("returns the rest of the text, flagged unbalanced, when the object never closes", () => {
    expect(extractJson('Sure: {"a": "x", "b": [1')).toEqual({
      found: true,
      json: '{"a": "x", "b": [1',
      balanced: false,
      steps: ["removed_leading_prose"],
    });
  });

  it("stops an unclosed object at a closing fence", () => {
    expect(extractJson('```json\n{"a": 1\n```\nmore')).toEqual({
      found: true,
      json: '{"a": 1',
      balanced: false,
      steps: ["removed_code_fence", "removed_trailing_prose"],
    });
  });

  it("tolerates a `}` closing through an unclosed array", () => {
    expect(extractJson('{"a": [1, 2} x')).toMatchObject({ json: '{"a": [1, 2}', balanced: true });
  });
});
