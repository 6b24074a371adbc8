import type { EvalRunRow } from "@/db/queries/evals";
import { buttonClasses } from "@/components/ui/button";
import { faultLabel, formatDate } from "./format";

const select =
  "h-9 w-full min-w-0 rounded-lg border border-zinc-200 bg-white px-2.5 text-sm text-zinc-900 shadow-xs " +
  "focus:border-accent-500 focus:ring-2 focus:ring-accent-500/30 focus:outline-none dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100";

function optionLabel(run: EvalRunRow): string {
  const faults = faultLabel(run);
  return `${formatDate(run.startedAt)} · ${run.modelId}${faults ? ` · faults ${faults}` : ""} · ${Math.round((run.passedTrials / Math.max(1, run.totalTrials)) * 100)}%`;
}

/** Pick any two runs to compare (a plain GET form: the comparison is a shareable URL). */
export function CompareForm({ runs, before, after }: { runs: readonly EvalRunRow[]; before?: string; after?: string }) {
  return (
    <form action="/admin/evals/compare" method="get" className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
      <label className="grid min-w-0 gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-300">
        Before
        <select name="a" defaultValue={before ?? runs[1]?.id ?? runs[0]?.id} className={select}>
          {runs.map((run) => (
            <option key={run.id} value={run.id}>
              {optionLabel(run)}
            </option>
          ))}
        </select>
      </label>
      <label className="grid min-w-0 gap-1 text-xs font-medium text-zinc-600 dark:text-zinc-300">
        After
        <select name="b" defaultValue={after ?? runs[0]?.id} className={select}>
          {runs.map((run) => (
            <option key={run.id} value={run.id}>
              {optionLabel(run)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={buttonClasses({ variant: "secondary" })}>
        Compare
      </button>
    </form>
  );
}
