import type { UsageDashboard } from "@/lib/telemetry/metrics-types";
import { RANGE_LABELS } from "@/lib/telemetry/metrics-range";
import { formatCount, formatDateTime } from "./format";
import { LatencyPanel } from "./latency-panel";
import { costOf, requestsOf, tokensOf } from "./model-breakdown";
import { ModelUsagePanel } from "./model-usage-panel";
import { OutcomesPanel } from "./outcomes-panel";
import { SourceNotice } from "./source-notice";
import { SummaryTiles } from "./summary-tiles";
import { TopUsersPanel } from "./top-users-panel";
import { UsageEmpty } from "./usage-empty";
import { UsageFilters } from "./usage-filters";

/** The /admin usage page, from the one object GET /api/admin/usage also returns. */
export function UsageDashboardView({ dashboard }: { dashboard: UsageDashboard }) {
  const { params, totals, window } = dashboard;
  const per = window.bucket === "hour" ? "hour" : "day";
  const nominal = dashboard.models.some((model) => model.nominalPrice);
  return (
    <div className="space-y-5" data-testid="usage-page" data-source={params.source} data-range={params.range}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 className="flex items-center gap-2 text-base font-semibold text-zinc-950 dark:text-white">
            Usage
            {params.source === "seed" ? <span className="rounded bg-amber-100 px-1.5 py-px text-xs font-medium text-amber-900 dark:bg-amber-900/60 dark:text-amber-100">Synthetic</span> : null}
            {params.source === "eval" ? <span className="rounded bg-zinc-100 px-1.5 py-px text-xs font-medium text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200">Evals</span> : null}
          </h2>
          <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
            Model calls in {RANGE_LABELS[params.range].long}, per {per} (UTC) · as of <time dateTime={dashboard.generatedAt}>{formatDateTime(dashboard.generatedAt)}</time>
          </p>
        </div>
        <UsageFilters path="/admin" params={params} />
      </div>

      <SourceNotice path="/admin" params={params} callsBySource={dashboard.callsBySource} />

      {totals.calls === 0 ? (
        <UsageEmpty params={params} />
      ) : (
        <>
          <SummaryTiles dashboard={dashboard} />
          <div className="grid gap-4 lg:grid-cols-2">
            <ModelUsagePanel
              dashboard={dashboard}
              title="Tokens"
              testId="usage-tokens-chart"
              description={`Input and output tokens per ${per}, by model.`}
              figure={tokensOf}
              kind="tokens"
              empty="No tokens were used in this range."
            />
            <ModelUsagePanel
              dashboard={dashboard}
              title="Cost"
              testId="usage-cost-chart"
              description={
                nominal
                  ? `Per ${per}, by model. The offline model and mock models are priced nominally (at gpt-4o-mini's rate): not a bill.`
                  : `Per ${per}, by model, at the price in force when each call was made.`
              }
              figure={costOf}
              kind="dollars"
              empty="Nothing was spent in this range."
            />
            <ModelUsagePanel
              dashboard={dashboard}
              title="Requests"
              testId="usage-requests-chart"
              description={`Per ${per}, by the model each was sent to first. ${formatCount(totals.requests)} requests made ${formatCount(totals.calls)} model calls (each retry or fallback is a call of its own) and got ${formatCount(totals.answered)} replies.`}
              figure={requestsOf}
              kind="count"
              empty="No requests in this range."
            />
            <OutcomesPanel dashboard={dashboard} />
          </div>
          <LatencyPanel dashboard={dashboard} />
          <TopUsersPanel dashboard={dashboard} />
        </>
      )}
    </div>
  );
}
