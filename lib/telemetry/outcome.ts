import type { AttemptFailure } from "@/lib/ai/classify-failure";
import type { CallOutcome } from "@/db/schema";

/** What the call log needs to know about one attempt of the attempt loop. */
export type AttemptSummary = {
  /** Why the attempt was made: the first try, or what the previous one ran into. */
  reason: "first" | "invalid_output" | "rate_limited" | "fallback" | "transient" | "context_length";
  result: { ok: true; repairs: readonly string[] } | { ok: false; failure: AttemptFailure };
};

export type ClassifiedOutcome = { outcome: CallOutcome; errorClass: string | null; errorMessage: string | null };

const MAX_MESSAGE = 500;

/**
 * One attempt's outcome as the admin page counts it. A successful attempt is
 * named by what it took to get there (a fallback, a retry, a repair, or
 * nothing); a failed one by why it failed, with a machine-readable class.
 */
export function classifyOutcome({ reason, result }: AttemptSummary): ClassifiedOutcome {
  if (result.ok) {
    const outcome: CallOutcome =
      reason === "fallback" ? "fallback" : reason !== "first" ? "retried" : result.repairs.length > 0 ? "repaired" : "ok";
    return { outcome, errorClass: null, errorMessage: null };
  }
  const { failure } = result;
  const message = failure.message.slice(0, MAX_MESSAGE);
  switch (failure.kind) {
    case "timeout":
      return { outcome: "timeout", errorClass: failure.phase, errorMessage: message };
    case "rate_limited":
      return { outcome: "rate_limited", errorClass: "http_429", errorMessage: message };
    case "invalid_output":
      return { outcome: "invalid_output", errorClass: failure.error.kind, errorMessage: message };
    case "aborted":
      return { outcome: "aborted", errorClass: null, errorMessage: null };
    case "stream_cut":
      return { outcome: "provider_error", errorClass: "stream_cut", errorMessage: message };
    case "context_length_exceeded":
      return { outcome: "provider_error", errorClass: "context_length_exceeded", errorMessage: message };
    case "provider_error":
    case "rejected":
      return { outcome: "provider_error", errorClass: failure.status ? `http_${failure.status}` : failure.kind, errorMessage: message };
  }
}
