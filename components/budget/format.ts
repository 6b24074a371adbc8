import type { BudgetMeterScope } from "@/lib/budget/meter";

const numbers = new Intl.NumberFormat("en-US");
const fullDate = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function formatTokens(tokens: number): string {
  return numbers.format(tokens);
}

/** Whole percent left, rounded down so a used budget never shows 100%; "<1" for a sliver. */
export function percentLeft(fraction: number): number {
  const clamped = Math.min(1, Math.max(0, fraction));
  return Math.floor(clamped * 100);
}

export function percentLabel(fraction: number): string {
  const percent = percentLeft(fraction);
  return percent === 0 && fraction > 0 ? "<1%" : `${percent}%`;
}

export type BudgetLevel = "calm" | "low" | "critical";

/** Calm above 30% left, amber at 30% or less, red at 10% or less. */
export function levelOf(fraction: number): BudgetLevel {
  if (fraction <= 0.1) return "critical";
  if (fraction <= 0.3) return "low";
  return "calm";
}

export const LEVEL_STYLES: Record<BudgetLevel, { bar: string; text: string }> = {
  calm: {
    bar: "bg-accent-500 dark:bg-accent-400",
    text: "text-zinc-700 dark:text-zinc-200",
  },
  low: {
    bar: "bg-amber-500",
    text: "text-amber-800 dark:text-amber-300",
  },
  critical: {
    bar: "bg-rose-500",
    text: "text-rose-700 dark:text-rose-300",
  },
};

/** "Today's budget", "This chat's budget": the meter's accessible name. */
export function budgetName(scope: BudgetMeterScope["scope"]): string {
  switch (scope) {
    case "session":
      return "This chat's budget";
    case "user_day":
      return "Today's budget";
    case "user_month":
      return "This month's budget";
    case "global_day":
      return "Today's budget for all users";
  }
}

/** "3 h 12 min", "45 min", "under a minute", "12 days". */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return "under a minute";
  const minutes = Math.ceil(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  if (hours === 0) return `${minutes} min`;
  if (hours >= 48) return `${Math.round(hours / 24)} days`;
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** "renews in 3 h 12 min" or, for a chat's budget, "never renews — start a new chat". */
export function renewalText(scope: BudgetMeterScope, now: number | null): string {
  if (scope.renewsAt === null) return "never renews — start a new chat";
  const at = Date.parse(scope.renewsAt);
  if (Number.isNaN(at) || now === null) return "renews soon";
  return `renews in ${formatDuration(Math.max(0, at - now))}`;
}

/** The renewal time in the visitor's time zone, for a tooltip. */
export function renewalTitle(scope: BudgetMeterScope): string | undefined {
  if (scope.renewsAt === null) return undefined;
  const at = Date.parse(scope.renewsAt);
  return Number.isNaN(at) ? undefined : `Renews ${fullDate.format(at)}`;
}
