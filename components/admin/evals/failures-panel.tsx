import Link from "next/link";
import type { FailureGroup } from "@/evals/view/failures";
import { Panel } from "../panel";
import { EmptyNote } from "./elements";

const chip =
  "inline-flex items-center gap-1 rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] text-accent-700 hover:bg-accent-50 hover:underline " +
  "dark:bg-zinc-800 dark:text-accent-300 dark:hover:bg-accent-950";

/** Failed assertions grouped by criterion, then by reason: what kind of check fails, why, and in which cases. */
export function FailuresPanel({ runId, groups, trialsPerCase }: { runId: string; groups: readonly FailureGroup[]; trialsPerCase: number }) {
  return (
    <Panel title="Failures by criterion" description="Each kind of check that failed, with its reasons and the cases that gave them (× trials that failed it)." testId="eval-failures">
      {groups.length === 0 ? (
        <EmptyNote>No criterion failed in any trial.</EmptyNote>
      ) : (
        <div className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {groups.map((group, index) => (
            <details key={group.kind} open={index === 0} className="group py-2 first:pt-0 last:pb-0" data-criterion={group.kind}>
              <summary className="flex cursor-pointer items-center gap-2 rounded py-1 text-sm select-none">
                <span aria-hidden="true" className="inline-block text-zinc-400 transition-transform group-open:rotate-90">
                  ›
                </span>
                <span className="font-medium text-zinc-900 dark:text-zinc-100">{group.name}</span>
                <span className="rounded-full bg-rose-50 px-2 py-0.5 text-xs font-medium text-rose-800 tabular-nums dark:bg-rose-950/60 dark:text-rose-300">
                  {group.caseCount} case{group.caseCount === 1 ? "" : "s"}
                </span>
              </summary>
              <ul className="mt-2 space-y-3 pl-5">
                {group.reasons.map((entry) => (
                  <li key={`${entry.label}:${entry.reason}`} className="text-sm">
                    <p className="leading-relaxed break-words text-zinc-700 dark:text-zinc-200">
                      <span className="text-zinc-500 dark:text-zinc-400">{entry.label}:</span> {entry.reason}
                    </p>
                    <ul className="mt-1.5 flex flex-wrap gap-1.5" aria-label={`${entry.cases.length} case${entry.cases.length === 1 ? "" : "s"}`}>
                      {entry.cases.map((item) => (
                        <li key={item.caseId}>
                          <Link href={`/admin/evals/${encodeURIComponent(runId)}/cases/${encodeURIComponent(item.caseId)}`} className={chip}>
                            {item.caseId}
                            {trialsPerCase > 1 ? (
                              <span className="text-zinc-500 dark:text-zinc-400" aria-label={`${item.trials} of ${trialsPerCase} trials`}>
                                ×{item.trials}
                              </span>
                            ) : null}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </div>
      )}
    </Panel>
  );
}
