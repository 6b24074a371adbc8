import type { Outcome, OutcomeGroup } from "./metrics-outcomes";
import type { UsageParams, UsageSource } from "./metrics-range";

/*
 * What the admin usage page shows, as plain JSON: the page renders it and
 * GET /api/admin/usage returns the same object, so the two can never disagree.
 * Times are ISO strings, money is integer micro-dollars, tokens are integers.
 */

export type Amounts = {
  /** Model calls (attempts), budget denials included. */
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
};

/** Amounts from call_hourly, which also counts requests (a request's retries and fallbacks are calls, not requests), under the model each was first sent to. */
export type CallAmounts = Amounts & { requests: number };

export type UsageTotals = CallAmounts & {
  /** Requests that got a reply: exactly one successful attempt each. */
  answered: number;
  /** Attempts whose output needed at least one repair (on any outcome). */
  repairedCalls: number;
  byOutcome: Record<Outcome, number>;
};

export type ModelUsage = CallAmounts & {
  modelId: string;
  /** Priced at a nominal rate (the offline model, the mock server): the cost is not a real bill. */
  nominalPrice: boolean;
};

export type SeriesPoint = {
  /** Start of the bucket (an hour for 24 h, a UTC day otherwise). */
  start: string;
  byModel: Record<string, CallAmounts>;
  outcomes: Record<OutcomeGroup, number>;
};

export type Percentiles = { p50: number; p95: number; p99: number; samples: number };

export type ModelLatency = {
  modelId: string;
  /** Whole attempt, start to last chunk (or failure). Null when no attempt was timed. */
  latency: Percentiles | null;
  /** Start to first streamed chunk; null when no attempt produced one. */
  firstToken: Percentiles | null;
};

/** "unknown": calls under an id with no account (deleted, or a runner's own id). */
export type UserKind = "guest" | "user" | "admin" | "synthetic" | "unknown";

export type UserIdentity = {
  id: string;
  /** A name to show: the account's name, "Guest", or the synthetic user's label. */
  name: string;
  email: string | null;
  kind: UserKind;
};

export type BudgetLeft = {
  /** "Today", "This month". */
  label: string;
  scope: "user_day" | "user_month";
  limitTokens: number | null;
  remainingTokens: number | null;
  limitMicros: number | null;
  remainingMicros: number | null;
  /** 0..1 of the tighter of tokens and cost; null when unlimited. */
  remainingFraction: number | null;
  renewsAt: string | null;
};

export type TopUser = Amounts & {
  user: UserIdentity;
  /** Failed attempts and budget denials (the rollup's failed_calls). */
  failedCalls: number;
  /** The budget closest to running out now; null for synthetic users and ids without an account, who have none. */
  budget: BudgetLeft | null;
};

export type UsageDashboard = {
  params: UsageParams;
  window: { from: string; to: string; bucket: "hour" | "day" };
  generatedAt: string;
  totals: UsageTotals;
  models: ModelUsage[];
  series: SeriesPoint[];
  latency: ModelLatency[];
  /** Every model together. */
  overallLatency: Omit<ModelLatency, "modelId">;
  topUsers: { activeUsers: number; rows: TopUser[] };
  /** Calls per source in this range: the page notes data it is not showing (evals, synthetic seed). */
  callsBySource: Record<UsageSource, number>;
};

export type RecentCall = {
  id: number;
  createdAt: string;
  requestId: string;
  attempt: number;
  source: UsageSource;
  chatId: string | null;
  feature: string;
  provider: string;
  modelId: string;
  outcome: Outcome;
  errorClass: string | null;
  errorMessage: string | null;
  inputTokens: number;
  outputTokens: number;
  costMicros: number;
  latencyMs: number;
  firstTokenMs: number | null;
  repairs: string[];
  fault: string | null;
};

export type UserUsage = {
  params: UsageParams;
  window: { from: string; to: string; bucket: "hour" | "day" };
  generatedAt: string;
  user: UserIdentity;
  totals: Amounts & { failedCalls: number };
  series: Array<{ start: string } & Amounts>;
  /** Today's and this month's budget; null for synthetic users and ids without an account. */
  budgets: BudgetLeft[] | null;
  recentCalls: RecentCall[];
  /** Pass as `before` for the next (older) page of calls; null when there is none. */
  olderCursor: string | null;
  /** The user's calls per source, all time: the page says when they have calls of a source it is not showing. */
  callsBySource: Record<UsageSource, number>;
};
