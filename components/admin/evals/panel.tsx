import type { ReactNode } from "react";

/** A titled card, in the usage page's style; `testId` marks the section for tests. */
export function Panel({
  title,
  description,
  actions,
  children,
  testId,
  headingLevel = 3,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
  headingLevel?: 2 | 3;
}) {
  const headingId = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section
      aria-labelledby={headingId}
      data-testid={testId}
      className="min-w-0 rounded-xl border border-zinc-200 bg-white p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900/60"
    >
      <header className="mb-3 flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <Heading id={headingId} className="text-sm font-semibold text-zinc-950 dark:text-white">
            {title}
          </Heading>
          {description ? <p className="mt-0.5 text-xs leading-relaxed text-zinc-500 dark:text-zinc-400">{description}</p> : null}
        </div>
        {actions}
      </header>
      {children}
    </section>
  );
}

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
