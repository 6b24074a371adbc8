import { describe, expect, it } from "vitest";
import { findUnsafeCut } from "./truncation";

describe("findUnsafeCut", () => {
  it.each([
    ['{"a": "x"}', false],
    ['{"a": "x"', false],
    ['{"a": "x",', false],
    ['{"a": "x", "b', false],
    ['{"a": "x", "b":', false],
    ['{"a": [1, 2]', false],
    ['{"a": {"b": 1}', false],
    ['{"a": true', false],
    ['{"a": null ', false],
  ])("%j is a clean cut", (json, stopped) => {
    expect(findUnsafeCut(json, stopped)).toBeUndefined();
  });

  it.each([
    ['{"a": "x', 'inside the value of "a"'],
    ['{"a": "x\\"', 'inside the value of "a"'],
    ['{"a": [1, 2', 'inside the value of "a"'],
    ['{"a": {"b": "c"}, "d": {"e": 1', 'inside the value of "d"'],
    ['{"a": 0.8', 'inside the value of "a"'],
    ['{"a": tr', 'inside the value of "a"'],
    ['{"a": 1e', 'inside the value of "a"'],
  ])("%j is cut %s", (json, where) => {
    expect(findUnsafeCut(json, false)).toBe(where);
  });

  it("trusts a bare number at the end only when the model stopped by itself", () => {
    expect(findUnsafeCut('{"a": 0.8', true)).toBeUndefined();
    expect(findUnsafeCut('{"a": "x', true)).toBe('inside the value of "a"');
  });
});
