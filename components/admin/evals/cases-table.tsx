import Link from "next/link";
import type { RunDetail } from "@/evals/view/run-detail";
import { formatMicros, formatMs } from "./format";
import { link, td, tdNumber, th } from "./elements";
import { StatusBadge } from "./status-badge";

/** A run's cases (after filters): status, regression, trials passed, slowest trial, cost. */
export function CasesTable({ runId, cases, trialsPerCase }: { runId: string; cases: RunDetail["cases"]; trialsPerCase: number }) {
  return (
    <div className="-mx-4 overflow-x-auto sm:mx-0">
      <table className="w-full min-w-[36rem] text-sm" data-testid="eval-cases">
        <caption className="sr-only">Cases of this run</caption>
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr>
            <th scope="col" className={th}>Case</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={`${th} text-right`}>Trials</th>
            <th scope="col" className={`${th} text-right`}>Slowest</th>
            <th scope="col" className={`${th} text-right`}>Cost</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {cases.map((entry) => (
            <tr key={entry.caseId} data-case-id={entry.caseId} data-status={entry.status} data-regressed={entry.regressed || undefined}>
              <th scope="row" className={`${td} w-full font-normal whitespace-normal`}>
                <Link href={`/admin/evals/${encodeURIComponent(runId)}/cases/${encodeURIComponent(entry.caseId)}`} className={`${link} font-mono text-xs break-all`}>
                  {entry.caseId}
                </Link>
                <span className="mt-0.5 block text-xs text-zinc-600 dark:text-zinc-300">{entry.title}</span>
                <span className="mt-1 flex flex-wrap gap-1">
                  {entry.critical ? <span className="rounded bg-zinc-900 px-1.5 py-px text-[10px] font-semibold tracking-wide text-white uppercase dark:bg-white dark:text-zinc-900">critical</span> : null}
                  {entry.tags.map((tag) => (
                    <span key={tag} className="rounded bg-zinc-100 px-1.5 py-px text-[11px] text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
                      #{tag}
                    </span>
                  ))}
                </span>
              </th>
              <td className={td}>
                <span className="flex flex-col items-start gap-1">
                  <StatusBadge status={entry.status} />
                  {entry.regressed ? <StatusBadge status="regressed" label="regressed" /> : null}
                </span>
              </td>
              <td className={tdNumber}>
                {entry.passedTrials}/{trialsPerCase}
              </td>
              <td className={tdNumber}>{entry.totals ? formatMs(entry.totals.maxLatencyMs) : "—"}</td>
              <td className={tdNumber}>{entry.totals ? formatMicros(entry.totals.costMicros) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
