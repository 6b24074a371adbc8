import type { ModelMessage } from "ai";
import { describe, expect, it } from "vitest";
import { countMessageTokens, countTokens, MESSAGE_OVERHEAD_TOKENS, NON_TEXT_PART_TOKENS } from "./count-tokens";

describe("countTokens", () => {
  it("counts with o200k: known sizes, and nothing for an empty text", () => {
    expect(countTokens("")).toBe(0);
    expect(countTokens("hello")).toBe(1);
    expect(countTokens("Hello, world!")).toBe(4);
  });
});

describe("countMessageTokens", () => {
  it("adds the per-message framing to a string message", () => {
    const text = "How do I keep a chat inside the context window?";
    expect(countMessageTokens({ role: "user", content: text })).toBe(countTokens(text) + MESSAGE_OVERHEAD_TOKENS);
    expect(countMessageTokens({ role: "assistant", content: "" })).toBe(MESSAGE_OVERHEAD_TOKENS);
  });

  it("counts text parts like the same text as a string", () => {
    const parts: ModelMessage = {
      role: "user",
      content: [
        { type: "text", text: "First part. " },
        { type: "text", text: "Second part." },
      ],
    };
    expect(countMessageTokens(parts)).toBe(countTokens("First part. ") + countTokens("Second part.") + MESSAGE_OVERHEAD_TOKENS);
  });

  it("charges images and opaque files a fixed, high estimate, but counts an inline text file", () => {
    const withImage: ModelMessage = {
      role: "user",
      content: [
        { type: "text", text: "What is in this picture?" },
        { type: "file", mediaType: "image/png", data: new Uint8Array([137, 80, 78, 71]) },
      ],
    };
    expect(countMessageTokens(withImage)).toBe(countTokens("What is in this picture?") + NON_TEXT_PART_TOKENS + MESSAGE_OVERHEAD_TOKENS);

    const inlineText: ModelMessage = {
      role: "user",
      content: [{ type: "file", mediaType: "text/plain", data: { type: "text", text: "line one\nline two" } }],
    };
    expect(countMessageTokens(inlineText)).toBe(countTokens("line one\nline two") + MESSAGE_OVERHEAD_TOKENS);
  });

  it("counts tool calls and tool results by their JSON", () => {
    const input = { city: "Lisbon", unit: "celsius" };
    const call: ModelMessage = {
      role: "assistant",
      content: [{ type: "tool-call", toolCallId: "call_1", toolName: "weather", input }],
    };
    expect(countMessageTokens(call)).toBe(countTokens("weather") + countTokens(JSON.stringify(input)) + MESSAGE_OVERHEAD_TOKENS);

    const result: ModelMessage = {
      role: "tool",
      content: [{ type: "tool-result", toolCallId: "call_1", toolName: "weather", output: { type: "json", value: { temperature: 21 } } }],
    };
    expect(countMessageTokens(result)).toBe(countTokens("weather") + countTokens('{"temperature":21}') + MESSAGE_OVERHEAD_TOKENS);
  });

  it("uses the counter it is given", () => {
    const oneTokenPerChar = (text: string) => text.length;
    expect(countMessageTokens({ role: "user", content: "abcde" }, oneTokenPerChar)).toBe(5 + MESSAGE_OVERHEAD_TOKENS);
  });
});
