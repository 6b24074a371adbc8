import { describe, expect, it } from "vitest";
import { StructuredOutputError } from "@/lib/structured/errors";
import { bucketUpperMs, latencyBucket, percentileFromHistogram } from "./latency-buckets";
import { classifyOutcome } from "./outcome";

describe("classifyOutcome", () => {
  const ok = (repairs: string[] = []) => ({ ok: true as const, repairs });
  it.each([
    ["first", ok(), "ok"],
    ["first", ok(["removed_code_fence"]), "repaired"],
    ["invalid_output", ok(), "retried"],
    ["rate_limited", ok(), "retried"],
    ["transient", ok(), "retried"],
    ["fallback", ok(["removed_trailing_commas"]), "fallback"],
  ] as const)("a successful attempt made because of %s with repairs %j is %s", (reason, result, outcome) => {
    expect(classifyOutcome({ reason, result })).toEqual({ outcome, errorClass: null, errorMessage: null });
  });

  it("names failures by cause, with a machine-readable class", () => {
    const failed = (failure: Parameters<typeof classifyOutcome>[0]["result"]) => classifyOutcome({ reason: "first", result: failure });
    expect(failed({ ok: false, failure: { kind: "timeout", phase: "first_chunk", afterMs: 10, message: "slow" } })).toMatchObject({ outcome: "timeout", errorClass: "first_chunk" });
    expect(failed({ ok: false, failure: { kind: "rate_limited", status: 429, message: "429" } })).toMatchObject({ outcome: "rate_limited", errorClass: "http_429" });
    expect(failed({ ok: false, failure: { kind: "provider_error", status: 503, message: "down" } })).toMatchObject({ outcome: "provider_error", errorClass: "http_503" });
    expect(failed({ ok: false, failure: { kind: "stream_cut", message: "cut" } })).toMatchObject({ outcome: "provider_error", errorClass: "stream_cut" });
    expect(failed({ ok: false, failure: { kind: "context_length_exceeded", message: "long" } })).toMatchObject({ outcome: "provider_error", errorClass: "context_length_exceeded" });
    expect(failed({ ok: false, failure: { kind: "aborted", message: "stop" } })).toMatchObject({ outcome: "aborted" });
    const error = new StructuredOutputError("schema_mismatch", "confidence: expected number");
    expect(failed({ ok: false, failure: { kind: "invalid_output", error, message: error.message } })).toMatchObject({
      outcome: "invalid_output",
      errorClass: "schema_mismatch",
      errorMessage: "confidence: expected number",
    });
  });
});

describe("latency histograms", () => {
  it("puts every latency in a bucket whose upper bound is within 10% above it", () => {
    for (const ms of [1, 2, 7, 55, 230, 999, 1_234, 12_345, 123_456]) {
      const upper = bucketUpperMs(latencyBucket(ms));
      expect(upper).toBeGreaterThanOrEqual(ms);
      expect(upper).toBeLessThanOrEqual(Math.ceil(ms * 1.1) + 1);
    }
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(Number.NaN)).toBe(0);
  });

  it("reads percentiles within 10% of the exact nearest-rank value", () => {
    const samples = Array.from({ length: 1000 }, (_, i) => 20 + ((i * 7919) % 1000) * 3);
    const histogram = new Map<number, number>();
    for (const ms of samples) histogram.set(latencyBucket(ms), (histogram.get(latencyBucket(ms)) ?? 0) + 1);
    const sorted = [...samples].sort((a, b) => a - b);
    for (const p of [50, 95, 99]) {
      const exact = sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
      const read = percentileFromHistogram(histogram, p)!;
      expect(read).toBeGreaterThanOrEqual(exact);
      expect(read).toBeLessThanOrEqual(exact * 1.1 + 1);
    }
    expect(percentileFromHistogram(new Map(), 50)).toBeNull();
  });
});
