import Link from "next/link";
import type { EvalTrialRow } from "@/db/queries/evals";
import { formatCount, formatMicros, formatMs } from "./format";
import { td, tdNumber, th } from "./elements";
import { StatusBadge } from "./status-badge";

/** Every trial of a case: status, model, attempts, latency, tokens and cost; the selected one is marked. */
export function TrialsTable({ trials, selected, hrefFor }: { trials: readonly EvalTrialRow[]; selected: number; hrefFor: (trial: number) => string }) {
  return (
    <div className="-mx-4 overflow-x-auto sm:mx-0">
      <table className="w-full min-w-[36rem] text-sm" data-testid="eval-trials">
        <caption className="sr-only">Trials of this case</caption>
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr>
            <th scope="col" className={th}>Trial</th>
            <th scope="col" className={th}>Status</th>
            <th scope="col" className={th}>Model</th>
            <th scope="col" className={`${th} text-right`}>Attempts</th>
            <th scope="col" className={`${th} text-right`}>Latency</th>
            <th scope="col" className={`${th} text-right`}>Tokens in / out</th>
            <th scope="col" className={`${th} text-right`}>Cost</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {trials.map((trial) => {
            const current = trial.trial === selected;
            return (
              <tr key={trial.trial} data-trial={trial.trial} className={current ? "bg-accent-50/60 dark:bg-accent-950/30" : undefined}>
                <th scope="row" className={`${td} font-normal`}>
                  <Link
                    href={hrefFor(trial.trial)}
                    scroll={false}
                    aria-current={current ? "true" : undefined}
                    className={`font-medium underline-offset-2 hover:underline ${current ? "text-zinc-950 dark:text-white" : "text-accent-700 dark:text-accent-300"}`}
                  >
                    Trial {trial.trial}
                  </Link>
                  {current ? <span className="ml-1.5 text-xs text-zinc-500 dark:text-zinc-400">(shown)</span> : null}
                </th>
                <td className={td}>
                  <StatusBadge status={trial.status} />
                </td>
                <td className={`${td} font-mono text-xs`}>{trial.modelId ?? "— (refused)"}</td>
                <td className={tdNumber}>{trial.attempts}</td>
                <td className={tdNumber}>{formatMs(trial.latencyMs)}</td>
                <td className={tdNumber}>
                  {formatCount(trial.inputTokens)} / {formatCount(trial.outputTokens)}
                </td>
                <td className={tdNumber}>{formatMicros(trial.costMicros)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
