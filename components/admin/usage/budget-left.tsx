import type { BudgetLeft } from "@/lib/telemetry/metrics-types";
import { formatCompact, formatCount, formatDollars } from "./format";

function levelOf(fraction: number): { bar: string; text: string } {
  if (fraction <= 0.1) return { bar: "bg-rose-500", text: "text-rose-700 dark:text-rose-300" };
  if (fraction <= 0.3) return { bar: "bg-amber-500", text: "text-amber-800 dark:text-amber-300" };
  return { bar: "bg-accent-500 dark:bg-accent-400", text: "text-zinc-700 dark:text-zinc-200" };
}

/** What is left of a budget now, as a short meter: "Today · 62% · 124K tokens left". */
export function BudgetLeftMeter({ budget, compact = false }: { budget: BudgetLeft | null; compact?: boolean }) {
  if (!budget) return <span className="text-zinc-400 dark:text-zinc-500" title="Synthetic users and ids without an account have no budget">—</span>;
  if (budget.remainingFraction === null) return <span className="text-zinc-600 dark:text-zinc-300">Unlimited</span>;
  const percent = Math.floor(Math.min(1, Math.max(0, budget.remainingFraction)) * 100);
  const style = levelOf(budget.remainingFraction);
  const tokens = budget.remainingTokens !== null && budget.limitTokens !== null ? `${formatCount(budget.remainingTokens)} of ${formatCount(budget.limitTokens)} tokens` : null;
  const money = budget.remainingMicros !== null && budget.limitMicros !== null ? `${formatDollars(budget.remainingMicros)} of ${formatDollars(budget.limitMicros)}` : null;
  const detail = [tokens, money].filter(Boolean).join(", ");
  return (
    <span className="inline-flex items-center gap-2" title={`${budget.label}: ${detail} left`}>
      <span
        role="meter"
        aria-label={`${budget.label}'s budget left`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% left${detail ? `: ${detail}` : ""}`}
        className="h-1.5 w-12 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
      >
        <span className={`block h-full rounded-full ${style.bar}`} style={{ width: `${Math.max(percent > 0 ? 4 : 0, percent)}%` }} />
      </span>
      <span className={`font-medium tabular-nums ${style.text}`}>{percent}%</span>
      {!compact && budget.remainingTokens !== null ? <span className="text-zinc-500 dark:text-zinc-400">{formatCompact(budget.remainingTokens)} left</span> : null}
    </span>
  );
}
