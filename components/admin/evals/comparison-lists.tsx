import Link from "next/link";
import type { RunComparison } from "@/evals/compare";
import { link } from "./elements";

const GROUPS = [
  { key: "regressed", title: "Regressed", note: "passed every trial before, fail now", tone: "text-rose-700 dark:text-rose-300" },
  { key: "newlyFlaky", title: "Newly flaky", note: "passed every trial before, only some now", tone: "text-amber-800 dark:text-amber-300" },
  { key: "improved", title: "Improved", note: "pass every trial now, did not before", tone: "text-emerald-700 dark:text-emerald-300" },
  { key: "added", title: "New cases", note: "only in the later run", tone: "text-zinc-700 dark:text-zinc-300" },
  { key: "removed", title: "Removed cases", note: "only in the earlier run", tone: "text-zinc-700 dark:text-zinc-300" },
] as const;

/** A comparison's case lists, each case linked to where it can be read (the later run, or the earlier for removed ones). */
export function ComparisonLists({ comparison, before, after }: { comparison: RunComparison; before: string; after: string }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2" data-testid="eval-comparison">
      {GROUPS.map((group) => {
        const ids = comparison[group.key];
        const run = group.key === "removed" ? before : after;
        return (
          <section key={group.key} aria-labelledby={`compare-${group.key}`} data-group={group.key}>
            <h4 id={`compare-${group.key}`} className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
              <span className={group.tone}>{group.title}</span> <span className="text-zinc-500 tabular-nums dark:text-zinc-400">({ids.length})</span>
            </h4>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">{group.note}</p>
            {ids.length === 0 ? (
              <p className="mt-1.5 text-sm text-zinc-400 dark:text-zinc-500">None.</p>
            ) : (
              <ul className="mt-1.5 space-y-1">
                {ids.map((id) => (
                  <li key={id}>
                    <Link href={`/admin/evals/${encodeURIComponent(run)}/cases/${encodeURIComponent(id)}`} className={`${link} font-mono text-xs break-all`}>
                      {id}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
