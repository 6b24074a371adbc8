import type { ReactNode } from "react";

/* Small pieces of the eval pages: the empty note, a run's headline figure, and the table cell classes. */

export function EmptyNote({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-32 items-center justify-center rounded-lg border border-dashed border-zinc-200 px-6 py-8 text-center text-sm text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
      <div className="max-w-md leading-relaxed">{children}</div>
    </div>
  );
}

/** One headline figure of a run. */
export function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0 rounded-xl border border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-900/60">
      <dt className="truncate text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-1">
        <span data-testid={testId} className="block truncate text-xl font-semibold tracking-tight text-zinc-950 tabular-nums dark:text-white">
          {value}
        </span>
        {detail ? <span className="mt-0.5 block truncate text-xs text-zinc-500 dark:text-zinc-400">{detail}</span> : null}
      </dd>
    </div>
  );
}

/** Table cell classes shared by the eval tables. */
export const th = "px-3 py-2 text-left text-xs font-medium whitespace-nowrap text-zinc-500 dark:text-zinc-400";
export const td = "px-3 py-2 text-left align-top whitespace-nowrap text-zinc-700 dark:text-zinc-300";
export const tdNumber = `${td} text-right tabular-nums`;
export const link = "font-medium text-accent-700 underline-offset-2 hover:underline focus-visible:underline dark:text-accent-300";
