/**
 * What the budget meter shows (GET /api/budget), client-safe: the budget
 * closest to running out, and all of them for a detail view.
 */
export type BudgetMeterScope = {
  scope: "session" | "user_day" | "user_month" | "global_day";
  /** "This chat", "Today", "This month". */
  label: string;
  limitTokens: number | null;
  usedTokens: number;
  remainingTokens: number | null;
  /** 0..1 of the tighter of tokens and cost; null when unlimited. */
  remainingFraction: number | null;
  /** ISO time the budget renews; null for a chat's budget, which never does. */
  renewsAt: string | null;
};

export type BudgetMeter = {
  tier: "guest" | "user" | "admin";
  binding: BudgetMeterScope | null;
  scopes: BudgetMeterScope[];
};

export const SCOPE_LABELS: Record<BudgetMeterScope["scope"], string> = {
  session: "This chat",
  user_day: "Today",
  user_month: "This month",
  global_day: "All users today",
};
