import type { ReactNode } from "react";

/**
 * One headline figure. `value` is the exact number behind the formatted text
 * (data-value), so tests and scrapers read the figure, not its rounding.
 */
export function StatTile({ label, display, value, detail, title, testId }: { label: string; display: string; value: number; detail?: ReactNode; title?: string; testId: string }) {
  return (
    <div className="min-w-0 rounded-xl border border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900/60">
      <dt className="truncate text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1">
        <span data-testid={testId} data-value={value} title={title} className="block truncate text-xl font-semibold tracking-tight text-zinc-950 tabular-nums dark:text-white">
          {display}
        </span>
        {detail ? <span className="mt-0.5 block truncate text-xs text-zinc-500 dark:text-zinc-400">{detail}</span> : null}
      </dd>
    </div>
  );
}
