import { APICallError } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import { StructuredOutputError } from "@/lib/structured/errors";
import { AttemptTimeoutError, classifyFailure, retryAfterMs } from "./classify-failure";

function apiError(statusCode: number, extra: Partial<ConstructorParameters<typeof APICallError>[0]> = {}) {
  return new APICallError({ message: `HTTP ${statusCode}`, url: "http://x/v1/chat/completions", requestBodyValues: {}, statusCode, ...extra });
}

describe("retryAfterMs", () => {
  it("reads delta-seconds, an HTTP date, and OpenAI's retry-after-ms", () => {
    expect(retryAfterMs({ "Retry-After": "2" })).toBe(2000);
    expect(retryAfterMs({ "retry-after": "0" })).toBe(0);
    expect(retryAfterMs({ "retry-after-ms": "350", "retry-after": "9" })).toBe(350);
    const now = Date.parse("2026-11-28T10:00:00Z");
    expect(retryAfterMs({ "retry-after": "Sat, 28 Nov 2026 10:00:05 GMT" }, now)).toBe(5000);
  });

  it("ignores what it cannot read", () => {
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs({})).toBeUndefined();
    expect(retryAfterMs({ "retry-after": "soon" })).toBeUndefined();
    expect(retryAfterMs({ "retry-after": "-3" })).toBeUndefined();
  });
});

describe("classifyFailure", () => {
  it("maps a 429 with Retry-After to rate_limited with the wait", () => {
    const failure = classifyFailure(apiError(429, { responseHeaders: { "retry-after": "3" }, isRetryable: true }));
    expect(failure).toMatchObject({ kind: "rate_limited", retryAfterMs: 3000 });
  });

  it("maps 5xx to provider_error and a 4xx to rejected", () => {
    expect(classifyFailure(apiError(500, { isRetryable: true }))).toMatchObject({ kind: "provider_error", status: 500 });
    expect(classifyFailure(apiError(503, { isRetryable: true }))).toMatchObject({ kind: "provider_error", status: 503 });
    expect(classifyFailure(apiError(401))).toMatchObject({ kind: "rejected", status: 401 });
  });

  it("recognises OpenAI's context_length_exceeded 400", () => {
    const body = JSON.stringify({ error: { message: "This model's maximum context length is 8192 tokens.", type: "invalid_request_error", code: "context_length_exceeded" } });
    expect(classifyFailure(apiError(400, { responseBody: body })).kind).toBe("context_length_exceeded");
  });

  it("maps a connection that broke after a 200 to stream_cut", () => {
    const error = apiError(200, { message: "Failed to process successful response", isRetryable: true, cause: new TypeError("terminated") });
    expect(classifyFailure(error).kind).toBe("stream_cut");
    expect(classifyFailure(new TypeError("terminated")).kind).toBe("stream_cut");
  });

  it("keeps structured-output errors, timeouts and aborts apart", () => {
    const invalid = new StructuredOutputError("schema_mismatch", "summary: required");
    expect(classifyFailure(invalid)).toMatchObject({ kind: "invalid_output", error: invalid });
    expect(classifyFailure(new AttemptTimeoutError("first_chunk", 1500))).toMatchObject({ kind: "timeout", phase: "first_chunk", afterMs: 1500 });
    expect(classifyFailure(new DOMException("stopped", "AbortError")).kind).toBe("aborted");
  });
});
