import { FAILED_OUTCOMES } from "@/lib/telemetry/metrics-outcomes";
import type { UsageDashboard } from "@/lib/telemetry/metrics-types";
import { formatCompact, formatCount, formatDollars, formatMs, formatPercent } from "./format";
import { StatTile } from "./stat-tile";

/** The range's headline figures; each tile carries its exact value in data-value. */
export function SummaryTiles({ dashboard }: { dashboard: UsageDashboard }) {
  const { totals, overallLatency } = dashboard;
  const tokens = totals.inputTokens + totals.outputTokens;
  const failed = FAILED_OUTCOMES.reduce((sum, outcome) => sum + totals.byOutcome[outcome], 0);
  const nominal = dashboard.models.length > 0 && dashboard.models.every((model) => model.nominalPrice);
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 2xl:grid-cols-6">
      <StatTile label="Tokens" testId="usage-total-tokens" value={tokens} display={formatCompact(tokens)} title={`${formatCount(tokens)} tokens`} detail={`${formatCompact(totals.inputTokens)} in · ${formatCompact(totals.outputTokens)} out`} />
      <StatTile
        label="Cost"
        testId="usage-total-cost"
        value={totals.costMicros}
        display={formatDollars(totals.costMicros)}
        detail={nominal ? "nominal prices" : totals.answered > 0 ? `${formatDollars(Math.round(totals.costMicros / totals.answered))} per reply` : "no replies"}
      />
      <StatTile
        label="Requests"
        testId="usage-total-requests"
        value={totals.requests}
        display={formatCount(totals.requests)}
        detail={
          <>
            <span data-testid="usage-total-answered" data-value={totals.answered}>{formatCount(totals.answered)} replies</span>
            {" · "}
            <span data-testid="usage-total-calls" data-value={totals.calls}>{formatCount(totals.calls)} calls</span>
          </>
        }
      />
      <StatTile label="Failed calls" testId="usage-total-failed" value={failed} display={formatPercent(failed, totals.calls)} title={`${formatCount(failed)} failed attempts`} detail={`${formatCount(failed)} of ${formatCount(totals.calls)}`} />
      <StatTile label="Budget denials" testId="usage-total-denials" value={totals.byOutcome.budget_denied} display={formatCount(totals.byOutcome.budget_denied)} detail="refused by a budget" />
      <StatTile
        label="p95 latency"
        testId="usage-p95-latency"
        value={overallLatency.latency?.p95 ?? 0}
        display={overallLatency.latency ? formatMs(overallLatency.latency.p95) : "—"}
        detail={overallLatency.firstToken ? `first token ${formatMs(overallLatency.firstToken.p95)}` : "no timed calls"}
      />
    </dl>
  );
}
