import Link from "next/link";
import type { CaseFilter } from "@/evals/view/run-detail";

const LABELS: Record<CaseFilter, string> = { all: "All", failed: "Failed", flaky: "Flaky", regressed: "Regressed", errored: "Errored" };

function href(base: string, status: CaseFilter, tag: string | null): string {
  const params = new URLSearchParams();
  if (status !== "all") params.set("status", status);
  if (tag) params.set("tag", tag);
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

const pill = (current: boolean) =>
  "inline-flex h-7 items-center gap-1 rounded-md px-2.5 text-[13px] font-medium whitespace-nowrap transition-colors " +
  (current
    ? "bg-white text-zinc-950 shadow-xs ring-1 ring-zinc-200 dark:bg-zinc-700 dark:text-white dark:ring-zinc-600"
    : "text-zinc-600 hover:text-zinc-950 dark:text-zinc-400 dark:hover:text-white");

/**
 * Status and tag filters as links (the URL is the state: shareable, works
 * without JavaScript), each with how many cases it would show.
 */
export function CaseFilters({ base, status, tag, counts, tags }: { base: string; status: CaseFilter; tag: string | null; counts: Record<CaseFilter, number>; tags: readonly string[] }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <nav aria-label="Filter cases by status" className="max-w-full overflow-x-auto">
        <ul className="inline-flex rounded-lg border border-zinc-200 bg-zinc-100/70 p-0.5 dark:border-zinc-800 dark:bg-zinc-900">
          {(Object.keys(LABELS) as CaseFilter[]).map((option) => (
            <li key={option}>
              <Link href={href(base, option, tag)} aria-current={option === status ? "page" : undefined} scroll={false} data-testid={`eval-filter-${option}`} className={pill(option === status)}>
                {LABELS[option]}
                <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{counts[option]}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label="Filter cases by tag">
        <ul className="flex flex-wrap gap-1.5">
          {tags.map((option) => {
            const current = option === tag;
            return (
              <li key={option}>
                <Link
                  href={href(base, status, current ? null : option)}
                  aria-current={current ? "page" : undefined}
                  scroll={false}
                  className={
                    "inline-flex h-6 items-center rounded-full px-2 text-xs font-medium ring-1 ring-inset transition-colors " +
                    (current
                      ? "bg-accent-600 text-white ring-accent-600 dark:bg-accent-500 dark:ring-accent-500"
                      : "bg-white text-zinc-600 ring-zinc-200 hover:text-zinc-950 hover:ring-zinc-300 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-700 dark:hover:text-white")
                  }
                >
                  #{option}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}
