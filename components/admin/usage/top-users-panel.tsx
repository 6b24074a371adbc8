import Link from "next/link";
import { usageHref, type UsageParams } from "@/lib/telemetry/metrics-range";
import type { UsageDashboard } from "@/lib/telemetry/metrics-types";
import { BudgetLeftMeter } from "./budget-left";
import { formatCompact, formatCount, formatDollars, formatPercent } from "./format";
import { Panel, PanelEmpty } from "../panel";
import { SegmentedLinks } from "./segmented-links";
import { KindBadge, userSubtitle } from "./user-label";

function description({ activeUsers, shown, sort }: { activeUsers: number; shown: number; sort: UsageParams["sort"] }): string {
  if (activeUsers === 0) return "Who uses the most tokens and money, and what is left of their budgets.";
  const who = `${formatCount(activeUsers)} user${activeUsers === 1 ? "" : "s"} made calls in this range`;
  return `${who}${activeUsers > shown ? `; the ${shown} heaviest by ${sort}` : ""}. Budgets are what is left now.`;
}

/** The range's heaviest users by tokens or cost, what is left of their budget now, and a link to each one's calls. */
export function TopUsersPanel({ dashboard }: { dashboard: UsageDashboard }) {
  const { params, topUsers } = dashboard;
  const sortLink = (sort: UsageParams["sort"]) => ({ href: usageHref("/admin", { ...params, sort }), label: sort === "tokens" ? "Tokens" : "Cost", current: params.sort === sort, testId: `usage-sort-${sort}` });
  // Phones keep who, tokens, cost and budget; calls and failures come back from the sm breakpoint.
  const wide = "hidden sm:table-cell";
  return (
    <Panel
      title="Top users"
      testId="usage-top-users"
      description={description({ activeUsers: topUsers.activeUsers, shown: topUsers.rows.length, sort: params.sort })}
      actions={<SegmentedLinks label="Order top users by" options={[sortLink("tokens"), sortLink("cost")]} />}
    >
      {topUsers.rows.length > 0 ? (
        <div className="-mx-4 overflow-x-auto px-4 sm:-mx-5 sm:px-5">
          <table className="w-full text-left text-sm sm:min-w-[40rem]">
            <caption className="sr-only">Top users by {params.sort}</caption>
            <thead className="text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400">
              <tr className="border-b border-zinc-200 dark:border-zinc-800">
                <th scope="col" className={`w-8 py-2 pr-2 font-medium ${wide}`}>#</th>
                <th scope="col" className="py-2 pr-3 font-medium">User</th>
                <th scope="col" className="px-2 py-2 text-right font-medium sm:px-3">Tokens</th>
                <th scope="col" className="px-2 py-2 text-right font-medium sm:px-3">Cost</th>
                <th scope="col" className={`px-3 py-2 text-right font-medium ${wide}`}>Calls</th>
                <th scope="col" className={`px-3 py-2 text-right font-medium ${wide}`} title="Failed attempts and budget denials, as a share of calls">
                  Failed
                </th>
                <th scope="col" className="py-2 pl-2 font-medium sm:pl-3">Budget left</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {topUsers.rows.map((row, index) => (
                <tr key={row.user.id} data-testid="usage-top-user" data-user-id={row.user.id} data-tokens={row.inputTokens + row.outputTokens} data-cost-micros={row.costMicros} data-calls={row.calls}>
                  <td className={`py-2 pr-2 text-xs text-zinc-400 tabular-nums dark:text-zinc-500 ${wide}`}>{index + 1}</td>
                  <th scope="row" className="max-w-[9rem] py-2 pr-3 font-normal sm:max-w-64">
                    <span className="flex items-center gap-2">
                      <Link
                        href={usageHref(`/admin/users/${encodeURIComponent(row.user.id)}`, params)}
                        className="truncate font-medium text-zinc-950 underline-offset-2 hover:underline dark:text-white"
                      >
                        {row.user.name}
                      </Link>
                      {/* A synthetic user's name says so already (and the page has a banner). */}
                      {row.user.kind === "synthetic" ? null : <KindBadge kind={row.user.kind} />}
                    </span>
                    <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">{userSubtitle(row.user)}</span>
                  </th>
                  <td className="px-2 py-2 text-right font-medium whitespace-nowrap text-zinc-950 tabular-nums sm:px-3 dark:text-white" title={`${formatCount(row.inputTokens + row.outputTokens)} tokens`}>
                    {formatCompact(row.inputTokens + row.outputTokens)}
                  </td>
                  <td className="px-2 py-2 text-right font-medium whitespace-nowrap text-zinc-950 tabular-nums sm:px-3 dark:text-white">{formatDollars(row.costMicros)}</td>
                  <td className={`px-3 py-2 text-right text-zinc-700 tabular-nums dark:text-zinc-300 ${wide}`}>{formatCount(row.calls)}</td>
                  <td className={`px-3 py-2 text-right text-zinc-700 tabular-nums dark:text-zinc-300 ${wide}`}>{formatPercent(row.failedCalls, row.calls)}</td>
                  <td className="py-2 pl-2 text-xs whitespace-nowrap sm:pl-3">
                    <span className="sm:hidden">
                      <BudgetLeftMeter budget={row.budget} compact />
                    </span>
                    <span className="max-sm:hidden">
                      <BudgetLeftMeter budget={row.budget} />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <PanelEmpty height="h-32">The users with the most tokens and cost in this range will be listed here, with what is left of their budgets.</PanelEmpty>
      )}
    </Panel>
  );
}
