import { OUTCOME_LABELS, FAILED_OUTCOMES, type Outcome } from "@/lib/telemetry/metrics-outcomes";
import type { RecentCall } from "@/lib/telemetry/metrics-types";
import { formatCount, formatDateTime, formatDollars, formatMs } from "./format";

function outcomeStyle(outcome: Outcome): string {
  if (outcome === "ok") return "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800";
  if (FAILED_OUTCOMES.includes(outcome)) return "bg-rose-50 text-rose-800 ring-rose-200 dark:bg-rose-950 dark:text-rose-200 dark:ring-rose-800";
  if (outcome === "budget_denied") return "bg-orange-50 text-orange-800 ring-orange-200 dark:bg-orange-950 dark:text-orange-200 dark:ring-orange-800";
  if (outcome === "aborted") return "bg-zinc-100 text-zinc-700 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-zinc-700";
  return "bg-sky-50 text-sky-800 ring-sky-200 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800";
}

/** A user's calls, newest first: when, what, which model, how it ended, what it cost and how long it took. */
export function RecentCallsTable({ calls }: { calls: readonly RecentCall[] }) {
  return (
    <div className="-mx-4 overflow-x-auto px-4 sm:-mx-5 sm:px-5">
      <table className="w-full min-w-[52rem] text-left text-xs" data-testid="usage-recent-calls">
        <caption className="sr-only">Recent calls, newest first</caption>
        <thead className="whitespace-nowrap text-zinc-500 dark:text-zinc-400">
          <tr className="border-b border-zinc-200 dark:border-zinc-800">
            <th scope="col" className="py-2 pr-3 font-medium">When (UTC)</th>
            <th scope="col" className="px-3 py-2 font-medium">Feature, model</th>
            <th scope="col" className="px-3 py-2 font-medium">Outcome</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Tokens in / out</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Cost</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Latency</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">First token</th>
            <th scope="col" className="py-2 pl-3 font-medium">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {calls.map((call) => (
            <tr key={call.id} data-testid="usage-recent-call" data-outcome={call.outcome} data-cost-micros={call.costMicros} className="align-top">
              <td className="py-2 pr-3 whitespace-nowrap text-zinc-700 tabular-nums dark:text-zinc-300">
                <time dateTime={call.createdAt}>{formatDateTime(call.createdAt).replace(" UTC", "")}</time>
                <span className="block text-[11px] text-zinc-400 dark:text-zinc-500" title={call.requestId}>
                  {call.attempt === 0 ? "before any call" : `attempt ${call.attempt}`} · {call.requestId.slice(0, 8)}
                </span>
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                <span className="text-zinc-950 dark:text-zinc-100">{call.feature}</span>
                <span className="block text-zinc-500 dark:text-zinc-400">{call.modelId}</span>
              </td>
              <td className="px-3 py-2">
                <span className={`inline-flex rounded px-1.5 py-px text-[11px] font-medium whitespace-nowrap ring-1 ring-inset ${outcomeStyle(call.outcome)}`}>{OUTCOME_LABELS[call.outcome]}</span>
                {call.errorClass ? <span className="block pt-0.5 font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{call.errorClass}</span> : null}
              </td>
              <td className="px-3 py-2 text-right whitespace-nowrap text-zinc-700 tabular-nums dark:text-zinc-300">
                {formatCount(call.inputTokens)} / {formatCount(call.outputTokens)}
              </td>
              <td className="px-3 py-2 text-right whitespace-nowrap text-zinc-950 tabular-nums dark:text-zinc-100">{formatDollars(call.costMicros)}</td>
              <td className="px-3 py-2 text-right whitespace-nowrap text-zinc-700 tabular-nums dark:text-zinc-300">{call.outcome === "budget_denied" ? "—" : formatMs(call.latencyMs)}</td>
              <td className="px-3 py-2 text-right whitespace-nowrap text-zinc-700 tabular-nums dark:text-zinc-300">{call.firstTokenMs === null ? "—" : formatMs(call.firstTokenMs)}</td>
              <td className="max-w-72 py-2 pl-3 text-zinc-600 dark:text-zinc-400">
                <span className="flex flex-wrap gap-1">
                  {call.fault ? <span className="rounded bg-fuchsia-50 px-1.5 py-px text-[11px] text-fuchsia-800 ring-1 ring-fuchsia-200 ring-inset dark:bg-fuchsia-950 dark:text-fuchsia-200 dark:ring-fuchsia-800">fault: {call.fault}</span> : null}
                  {call.repairs.map((repair) => (
                    <span key={repair} className="rounded bg-zinc-100 px-1.5 py-px font-mono text-[11px] text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                      {repair}
                    </span>
                  ))}
                </span>
                {call.errorMessage ? <span className="mt-0.5 block truncate" title={call.errorMessage}>{call.errorMessage}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
