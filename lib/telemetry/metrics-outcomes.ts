/*
 * The admin page's outcome groups: the call log's ten outcomes folded into
 * what an operator asks ("was it answered cleanly, did it need help, did it
 * fail?"). Client-safe: the charts use the labels too.
 */

/** Same values as CALL_OUTCOMES in db/schema-telemetry.ts (kept here so client code need not import the schema). */
export const OUTCOMES = ["ok", "repaired", "retried", "fallback", "timeout", "rate_limited", "provider_error", "invalid_output", "aborted", "budget_denied"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_GROUPS = ["ok", "repaired", "retried", "fallback", "failed", "aborted", "budget_denied"] as const;
export type OutcomeGroup = (typeof OUTCOME_GROUPS)[number];

/** Attempts that reached a model and got no usable reply (the request may still have been answered by a later attempt). */
export const FAILED_OUTCOMES: readonly Outcome[] = ["timeout", "rate_limited", "provider_error", "invalid_output"];

/** A request is answered by exactly one successful attempt, so counting these counts answered requests. */
export const ANSWERED_OUTCOMES: readonly Outcome[] = ["ok", "repaired", "retried", "fallback"];

export function outcomeGroup(outcome: Outcome): OutcomeGroup {
  return FAILED_OUTCOMES.includes(outcome) ? "failed" : (outcome as Exclude<Outcome, "timeout" | "rate_limited" | "provider_error" | "invalid_output">);
}

export const OUTCOME_GROUP_LABELS: Record<OutcomeGroup, { label: string; description: string }> = {
  ok: { label: "Clean", description: "answered at the first attempt, no repair needed" },
  repaired: { label: "Repaired", description: "first attempt answered after its JSON was repaired" },
  retried: { label: "Retried", description: "answered by a retry (invalid output fed back, or after a 429)" },
  fallback: { label: "Fell back", description: "answered by the next model of the chain" },
  failed: { label: "Failed", description: "attempts that timed out, were rate-limited, errored or stayed invalid" },
  aborted: { label: "Stopped", description: "the user stopped the reply" },
  budget_denied: { label: "Budget denied", description: "refused by a budget before any model call" },
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  ok: "OK",
  repaired: "Repaired",
  retried: "Retried",
  fallback: "Fell back",
  timeout: "Timeout",
  rate_limited: "Rate-limited",
  provider_error: "Provider error",
  invalid_output: "Invalid output",
  aborted: "Stopped",
  budget_denied: "Budget denied",
};

export function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}
