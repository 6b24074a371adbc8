import Link from "next/link";
import { RANGE_LABELS, usageHref } from "@/lib/telemetry/metrics-range";
import type { UserUsage } from "@/lib/telemetry/metrics-types";
import { buttonClasses } from "@/components/ui/button";
import { BudgetLeftMeter } from "./budget-left";
import { bucketLabel, bucketTitle, formatCompact, formatCount, formatDollars, formatPercent } from "./format";
import { Panel, PanelEmpty } from "../panel";
import { RecentCallsTable } from "./recent-calls-table";
import { SourceNotice } from "./source-notice";
import { StackedBarsChart } from "./stacked-bars-chart";
import { StatTile } from "./stat-tile";
import { UsageFilters } from "./usage-filters";
import { KindBadge } from "./user-label";
import { SERIES_COLORS } from "./palette";

const renewal = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });

/** /admin/users/:id — one user's budgets now, usage in the range and recent calls. */
export function UserUsageView({ usage, before }: { usage: UserUsage; before: number | null }) {
  const { user, params, totals, window } = usage;
  const path = `/admin/users/${encodeURIComponent(user.id)}`;
  const tokens = totals.inputTokens + totals.outputTokens;
  const per = window.bucket;
  return (
    <div className="space-y-5" data-testid="usage-user-page" data-user-id={user.id}>
      <Link href={usageHref("/admin", params)} className="inline-flex items-center gap-1 rounded text-xs font-medium text-zinc-500 hover:text-zinc-950 dark:text-zinc-400 dark:hover:text-white">
        <span aria-hidden="true">←</span> All usage
      </Link>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h2 className="flex flex-wrap items-center gap-2 text-base font-semibold text-zinc-950 dark:text-white">
            {user.name}
            <KindBadge kind={user.kind} />
          </h2>
          <p className="mt-0.5 truncate text-xs text-zinc-500 dark:text-zinc-400">
            {user.email ? <>{user.email} · </> : null}
            <span className="font-mono">{user.id}</span>
          </p>
        </div>
        <UsageFilters path={path} params={params} />
      </div>

      <SourceNotice path={path} params={params} callsBySource={usage.callsBySource} scope="for this user" />

      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatTile label="Calls" testId="usage-user-calls" value={totals.calls} display={formatCount(totals.calls)} detail={RANGE_LABELS[params.range].long} />
        <StatTile label="Tokens" testId="usage-user-tokens" value={tokens} display={formatCompact(tokens)} title={`${formatCount(tokens)} tokens`} detail={`${formatCompact(totals.inputTokens)} in · ${formatCompact(totals.outputTokens)} out`} />
        <StatTile label="Cost" testId="usage-user-cost" value={totals.costMicros} display={formatDollars(totals.costMicros)} />
        <StatTile label="Failed or denied" testId="usage-user-failed" value={totals.failedCalls} display={formatPercent(totals.failedCalls, totals.calls)} detail={`${formatCount(totals.failedCalls)} calls`} />
      </dl>

      <div className="grid gap-4 lg:grid-cols-3">
        <Panel title="Tokens" description={`Per ${per} (UTC), every model together.`} className="lg:col-span-2" testId="usage-user-tokens-chart">
          {tokens > 0 ? (
            <StackedBarsChart
              series={[{ label: "Tokens", color: SERIES_COLORS[0] }]}
              rows={usage.series.map((point) => ({ label: bucketLabel(point.start, per), title: bucketTitle(point.start, per), values: [point.inputTokens + point.outputTokens] }))}
              kind="tokens"
              title={`${user.name}'s tokens per ${per}`}
              height={180}
            />
          ) : (
            <PanelEmpty height="h-44">No tokens used by this user in {RANGE_LABELS[params.range].long}.</PanelEmpty>
          )}
        </Panel>
        <Panel title="Budget now" description="What admission would check for this user's next request." testId="usage-user-budgets">
          {usage.budgets ? (
            <ul className="space-y-3 text-sm">
              {usage.budgets.map((budget) => (
                <li key={budget.scope}>
                  <span className="flex items-center justify-between gap-2 text-xs text-zinc-500 dark:text-zinc-400">
                    <span className="font-medium text-zinc-700 dark:text-zinc-200">{budget.label}</span>
                    {budget.renewsAt ? <span>renews {renewal.format(new Date(budget.renewsAt))} UTC</span> : null}
                  </span>
                  <span className="mt-1 block text-xs">
                    <BudgetLeftMeter budget={budget} />
                  </span>
                  {budget.limitMicros !== null && budget.remainingMicros !== null ? (
                    <span className="mt-0.5 block text-xs text-zinc-500 dark:text-zinc-400">
                      {formatDollars(budget.remainingMicros)} of {formatDollars(budget.limitMicros)} left
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <PanelEmpty height="h-28">{user.kind === "synthetic" ? "Synthetic users have no budget: they exist only in the seeded call log." : "No account with this id any more, so no budget."}</PanelEmpty>
          )}
        </Panel>
      </div>

      <Panel
        title="Recent calls"
        description={`${params.source === "app" ? "Real" : params.source === "seed" ? "Synthetic" : "Eval"} calls, newest first, 50 at a time (any date).`}
        testId="usage-user-calls-panel"
        actions={
          before !== null ? (
            <Link href={usageHref(path, params)} className={buttonClasses({ size: "sm", variant: "ghost" })}>
              Newest
            </Link>
          ) : undefined
        }
      >
        {usage.recentCalls.length > 0 ? (
          <>
            <RecentCallsTable calls={usage.recentCalls} />
            {usage.olderCursor ? (
              <div className="mt-3 flex justify-end">
                <Link href={usageHref(path, params, { before: usage.olderCursor })} className={buttonClasses({ size: "sm" })} data-testid="usage-older-calls">
                  Older calls <span aria-hidden="true">→</span>
                </Link>
              </div>
            ) : null}
          </>
        ) : (
          <PanelEmpty height="h-28">Each model call this user makes will be listed here: when, which model, how it ended, tokens, cost and latency.</PanelEmpty>
        )}
      </Panel>
    </div>
  );
}
