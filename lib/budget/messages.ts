import type { BudgetScope } from "@/db/schema-budget";
import type { BudgetRefusal } from "./reserve";

/**
 * The error code a refusal maps to (for lib/errors.ts). One code per budget, so
 * the client can say which budget ran out; `chat` rather than `session` because
 * that is what users see.
 */
export type BudgetErrorCode = "budget_exceeded:chat" | "budget_exceeded:day" | "budget_exceeded:month" | "budget_exceeded:global";

const CODES: Record<BudgetScope, BudgetErrorCode> = {
  session: "budget_exceeded:chat",
  user_day: "budget_exceeded:day",
  user_month: "budget_exceeded:month",
  global_day: "budget_exceeded:global",
};

export function budgetErrorCode(scope: BudgetScope): BudgetErrorCode {
  return CODES[scope];
}

const dollars = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 });

function amountOf(unit: BudgetRefusal["unit"], value: number): string {
  return unit === "tokens" ? `${value.toLocaleString("en-US")} tokens` : dollars.format(value / 1_000_000);
}

function amount(refusal: Pick<BudgetRefusal, "unit" | "limit">): string {
  return amountOf(refusal.unit, refusal.limit);
}

type RefusalFigures = Pick<BudgetRefusal, "scope" | "unit" | "limit" | "renewsAt"> & Partial<Pick<BudgetRefusal, "used" | "requested">>;

/**
 * A budget can refuse before it is used up: admission reserves the request's
 * worst case (its longest possible answer). Saying "you have used it" while the
 * meter shows some left would be wrong, so the message says what is left.
 */
function shortfall(refusal: RefusalFigures, budget: string): string | null {
  if (refusal.used === undefined || refusal.requested === undefined || refusal.used >= refusal.limit) return null;
  const left = amountOf(refusal.unit, refusal.limit - refusal.used);
  return `Not enough is left of ${budget} of ${amount(refusal)}: ${left} remain, and this request may need up to ${amountOf(refusal.unit, refusal.requested)} with its longest possible answer.`;
}

/** "3 h 12 min", "45 min", "under a minute". */
function duration(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  if (ms < 60_000) return "under a minute";
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes} min`;
  if (hours >= 48) return `${Math.round(hours / 24)} days`;
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** Seconds until the budget renews (a Retry-After value), or null when it never does (a chat's budget). */
export function secondsUntilRenewal(refusal: Pick<BudgetRefusal, "renewsAt">, now: Date = new Date()): number | null {
  return refusal.renewsAt === null ? null : Math.max(1, Math.ceil((refusal.renewsAt.getTime() - now.getTime()) / 1000));
}

/** What the user reads: which budget ran out (or is too low for this request) and when it comes back. */
export function budgetRefusalMessage(refusal: RefusalFigures, now: Date = new Date()): string {
  const until = refusal.renewsAt ? duration(refusal.renewsAt.getTime() - now.getTime()) : "";
  switch (refusal.scope) {
    case "session":
      return `${shortfall(refusal, "this chat's budget") ?? `This chat has used its budget of ${amount(refusal)}.`} Start a new chat to continue.`;
    case "user_day":
      return `${shortfall(refusal, "today's budget") ?? `You have used today's budget of ${amount(refusal)}.`} It renews at midnight UTC, in ${until}.`;
    case "user_month":
      return `${shortfall(refusal, "this month's budget") ?? `You have used this month's budget of ${amount(refusal)}.`} It renews on the 1st (UTC), in ${until}.`;
    case "global_day":
      return `Ballast has reached today's usage cap for all users. It resets at midnight UTC, in ${until}.`;
  }
}
