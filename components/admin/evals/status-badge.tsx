import type { AssertionStatus, CaseStatus, TrialStatus } from "@/evals/types";

type Status = CaseStatus | TrialStatus | AssertionStatus | "regressed" | "baseline";

const STYLES: Record<Status, string> = {
  passed: "bg-emerald-50 text-emerald-800 ring-emerald-600/20 dark:bg-emerald-950/60 dark:text-emerald-300 dark:ring-emerald-400/25",
  failed: "bg-rose-50 text-rose-800 ring-rose-600/20 dark:bg-rose-950/60 dark:text-rose-300 dark:ring-rose-400/25",
  regressed: "bg-rose-600 text-white ring-rose-700 dark:bg-rose-500 dark:ring-rose-400",
  flaky: "bg-amber-50 text-amber-900 ring-amber-600/25 dark:bg-amber-950/60 dark:text-amber-300 dark:ring-amber-400/25",
  errored: "bg-violet-50 text-violet-800 ring-violet-600/20 dark:bg-violet-950/60 dark:text-violet-300 dark:ring-violet-400/25",
  skipped: "bg-zinc-100 text-zinc-600 ring-zinc-500/20 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-400/20",
  baseline: "bg-accent-50 text-accent-800 ring-accent-600/20 dark:bg-accent-950/60 dark:text-accent-200 dark:ring-accent-400/30",
};

/** A status as a small pill: the word is always there, colour only repeats it. */
export function StatusBadge({ status, label }: { status: Status; label?: string }) {
  return (
    <span
      data-status={status}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-[11px] font-medium whitespace-nowrap ring-1 ring-inset ${STYLES[status]}`}
    >
      {label ?? status}
    </span>
  );
}
