import Link from "next/link";
import type { FailureGroup } from "@/evals/view/failures";
import { EmptyNote, link, Panel } from "./panel";

/** Failed assertions grouped by criterion: what kind of check is failing, and where. */
export function FailuresPanel({ runId, groups, trialsPerCase }: { runId: string; groups: readonly FailureGroup[]; trialsPerCase: number }) {
  return (
    <Panel title="Failures by criterion" description="Each failing check, with the cases it failed in and the first reason given." testId="eval-failures">
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
                  {group.cases.length} case{group.cases.length === 1 ? "" : "s"}
                </span>
              </summary>
              <ul className="mt-2 space-y-2 pl-5">
                {group.cases.map((entry) => (
                  <li key={entry.caseId} className="text-sm">
                    <Link href={`/admin/evals/${encodeURIComponent(runId)}/cases/${encodeURIComponent(entry.caseId)}`} className={`${link} font-mono text-xs break-all`}>
                      {entry.caseId}
                    </Link>
                    <span className="ml-2 text-xs text-zinc-500 dark:text-zinc-400">
                      {entry.trials}/{trialsPerCase} trial{trialsPerCase === 1 ? "" : "s"}
                    </span>
                    <p className="mt-0.5 text-xs leading-relaxed break-words text-zinc-600 dark:text-zinc-300">
                      <span className="text-zinc-500 dark:text-zinc-400">{entry.label}:</span> {entry.reason}
                    </p>
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
