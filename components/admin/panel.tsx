import type { ReactNode } from "react";

/*
 * The admin pages' card and empty state, shared by the usage and the eval
 * pages so both read as one product.
 */

/** A titled card around one chart or table; `testId` marks the section for tests. */
export function Panel({
  title,
  description,
  actions,
  children,
  testId,
  className = "",
  headingLevel = 3,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
  className?: string;
  headingLevel?: 2 | 3;
}) {
  const headingId = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section
      aria-labelledby={headingId}
      data-testid={testId}
      className={`min-w-0 rounded-xl border border-zinc-200 bg-white p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900/60 ${className}`}
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

/** What a chart or table will show once there is data, in the space it will take. */
export function PanelEmpty({ children, height = "h-48" }: { children: ReactNode; height?: string }) {
  return (
    <div className={`flex ${height} items-center justify-center rounded-lg border border-dashed border-zinc-200 px-6 text-center text-sm text-zinc-500 dark:border-zinc-800 dark:text-zinc-400`}>
      <p className="max-w-sm leading-relaxed">{children}</p>
    </div>
  );
}
