import { APICallError, RetryError } from "ai";
import { StructuredOutputError } from "@/lib/structured/errors";

/** Why one model attempt did not produce a usable reply: what the attempt loop decides on. */
export type AttemptFailure =
  | { kind: "rate_limited"; status: 429; retryAfterMs?: number; message: string }
  | { kind: "provider_error"; status?: number; message: string }
  | { kind: "stream_cut"; message: string }
  | { kind: "timeout"; phase: "first_chunk" | "total"; afterMs: number; message: string }
  | { kind: "context_length_exceeded"; message: string }
  | { kind: "invalid_output"; error: StructuredOutputError; message: string }
  | { kind: "rejected"; status?: number; message: string }
  | { kind: "aborted"; message: string };

/** Raised (as an abort reason) when an attempt runs out of time, so it can be told apart from a user's stop. */
export class AttemptTimeoutError extends Error {
  override readonly name = "AttemptTimeoutError";
  constructor(
    readonly phase: "first_chunk" | "total",
    readonly afterMs: number,
  ) {
    super(phase === "first_chunk" ? `no output within ${afterMs} ms` : `not finished within ${afterMs} ms`);
  }
}

/**
 * Maps whatever a model call threw or streamed as an error to an AttemptFailure.
 * Provider errors arrive as APICallError (status, headers, body); a dropped
 * connection mid-stream is an APICallError with status 200 and a retryable flag.
 */
export function classifyFailure(error: unknown): AttemptFailure {
  if (error instanceof AttemptTimeoutError) {
    return { kind: "timeout", phase: error.phase, afterMs: error.afterMs, message: error.message };
  }
  if (error instanceof StructuredOutputError) return { kind: "invalid_output", error, message: error.message };
  if (RetryError.isInstance(error)) return classifyFailure(error.lastError);
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === 429) {
      return { kind: "rate_limited", status, retryAfterMs: retryAfterMs(error.responseHeaders), message: error.message };
    }
    if (isContextLengthError(error)) return { kind: "context_length_exceeded", message: error.message };
    if (status === undefined || status < 400) {
      // The response started (200) and then the connection broke.
      return error.isRetryable ? { kind: "stream_cut", message: error.message } : { kind: "provider_error", status, message: error.message };
    }
    if (status >= 500 || error.isRetryable) return { kind: "provider_error", status, message: error.message };
    return { kind: "rejected", status, message: error.message };
  }
  if (error instanceof Error && (error.name === "AbortError" || error.name === "ResponseAborted")) {
    return { kind: "aborted", message: error.message };
  }
  if (error instanceof TypeError && /terminated|fetch failed|socket/i.test(error.message)) {
    return { kind: "stream_cut", message: error.message };
  }
  return { kind: "provider_error", message: error instanceof Error ? error.message : String(error) };
}

function isContextLengthError(error: APICallError): boolean {
  const body = `${error.responseBody ?? ""} ${error.message}`;
  return /context_length_exceeded|maximum context length|context window/i.test(body);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110), or OpenAI's retry-after-ms. */
export function retryAfterMs(headers: Record<string, string> | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const lower = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
  const ms = Number(lower["retry-after-ms"]);
  if (lower["retry-after-ms"] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = lower["retry-after"];
  if (value === undefined) return undefined;
  if (/^\s*-?[\d.]+\s*$/.test(value)) {
    const seconds = Number(value);
    return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
  }
  // An HTTP date names its weekday; anything else (Date.parse reads "-3" as a year) is ignored.
  if (!/[a-z]/i.test(value)) return undefined;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
