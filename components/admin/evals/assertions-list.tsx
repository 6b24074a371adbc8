import type { EvalAssertionRow } from "@/db/queries/evals";
import { StatusBadge } from "./status-badge";

/** Each criterion of one trial, with its verdict and, when it did not pass, the reason. */
export function AssertionsList({ assertions, error }: { assertions: readonly EvalAssertionRow[]; error: string | null }) {
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="eval-assertions">
      {error ? (
        <li className="py-2 text-sm">
          <StatusBadge status="errored" /> <span className="ml-1 text-zinc-700 dark:text-zinc-300">The harness could not run this trial: {error}</span>
        </li>
      ) : null}
      {assertions.map((assertion) => (
        <li key={assertion.position} className="grid grid-cols-[4.5rem_1fr] gap-x-3 py-2 text-sm" data-kind={assertion.kind} data-status={assertion.status}>
          <span>
            <StatusBadge status={assertion.status} />
          </span>
          <span className="min-w-0">
            <span className="block break-words text-zinc-900 dark:text-zinc-100">{assertion.label}</span>
            {assertion.reason ? <span className="mt-0.5 block text-xs leading-relaxed break-words text-zinc-600 dark:text-zinc-400">{assertion.reason}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
