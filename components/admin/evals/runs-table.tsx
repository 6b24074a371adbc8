import Link from "next/link";
import type { EvalRunRow } from "@/db/queries/evals";
import { faultLabel, formatCount, formatDate, formatMicros, formatMs } from "./format";
import { link, td, tdNumber, th } from "./elements";
import { PassRateBar } from "./pass-rate-bar";
import { StatusBadge } from "./status-badge";

export type RunListItem = { run: EvalRunRow; regressions: number | null; isBaseline: boolean };

/** Every recent run: when, on what, how it did, and what it cost. */
export function RunsTable({ items }: { items: readonly RunListItem[] }) {
  return (
    <div className="-mx-4 overflow-x-auto sm:mx-0" data-testid="eval-runs">
      <table className="w-full min-w-[44rem] text-sm">
        <caption className="sr-only">Eval runs, newest first</caption>
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr>
            <th scope="col" className={th}>Run</th>
            <th scope="col" className={th}>Model</th>
            <th scope="col" className={`${th} text-right`}>Pass rate</th>
            <th scope="col" className={`${th} text-right`}>Cases</th>
            <th scope="col" className={`${th} text-right`}>Flaky</th>
            <th scope="col" className={`${th} text-right`}>Regressed</th>
            <th scope="col" className={`${th} text-right`}>Cost</th>
            <th scope="col" className={`${th} text-right`}>p95 latency</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {items.map(({ run, regressions, isBaseline }) => {
            const faults = faultLabel(run);
            return (
              <tr key={run.id} data-run-id={run.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
                <th scope="row" className={`${td} font-normal`}>
                  <Link href={`/admin/evals/${encodeURIComponent(run.id)}`} className={link}>
                    {formatDate(run.startedAt)}
                  </Link>
                  <span className="mt-0.5 flex items-center gap-1.5 font-mono text-[11px] text-zinc-500 dark:text-zinc-400">
                    {run.id}
                    {isBaseline ? <StatusBadge status="baseline" label="baseline" /> : null}
                  </span>
                </th>
                <td className={td}>
                  <span className="font-medium text-zinc-900 dark:text-zinc-100">{run.modelId}</span>
                  <span className="mt-0.5 block text-xs text-zinc-500 dark:text-zinc-400">
                    {run.trialsPerCase} trial{run.trialsPerCase === 1 ? "" : "s"} per case
                    {run.filter ? ` · filter ${run.filter}` : ""}
                  </span>
                  {faults ? (
                    <span className="mt-1 inline-flex rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                      faults: {faults}
                    </span>
                  ) : null}
                </td>
                <td className={tdNumber}>
                  <PassRateBar rate={run.totalTrials === 0 ? 0 : run.passedTrials / run.totalTrials} passed={run.passedTrials} total={run.totalTrials} />
                </td>
                <td className={tdNumber}>
                  <span className="text-zinc-950 dark:text-white">{formatCount(run.passedCases)}</span>
                  <span className="text-zinc-500 dark:text-zinc-400"> / {formatCount(run.cases)}</span>
                  {run.erroredCases > 0 ? <span className="block text-xs text-violet-700 dark:text-violet-300">{run.erroredCases} errored</span> : null}
                </td>
                <td className={tdNumber}>{run.flakyCases > 0 ? <span className="font-medium text-amber-800 dark:text-amber-300">{run.flakyCases}</span> : "0"}</td>
                <td className={tdNumber}>
                  {regressions === null ? (
                    <span className="text-zinc-400 dark:text-zinc-500" title="No baseline to compare with">—</span>
                  ) : regressions > 0 ? (
                    <span className="font-semibold text-rose-700 dark:text-rose-300">{regressions}</span>
                  ) : (
                    "0"
                  )}
                </td>
                <td className={tdNumber}>{formatMicros(run.costMicros)}</td>
                <td className={tdNumber}>{formatMs(run.p95LatencyMs)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
