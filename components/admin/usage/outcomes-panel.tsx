import { FAILED_OUTCOMES, OUTCOME_GROUP_LABELS, OUTCOME_GROUPS, OUTCOME_LABELS, type OutcomeGroup } from "@/lib/telemetry/metrics-outcomes";
import type { UsageDashboard } from "@/lib/telemetry/metrics-types";
import { ChartLegend } from "./chart-legend";
import { DataTableDetails } from "../data-table-details";
import { bucketLabel, bucketTitle, formatCount, formatPercent } from "./format";
import { OUTCOME_COLORS } from "./palette";
import { Panel, PanelEmpty } from "../panel";
import { StackedBarsChart } from "./stacked-bars-chart";

/** Everything but a clean first answer: what needed help, what failed, what a budget refused. */
const CHARTED: readonly OutcomeGroup[] = OUTCOME_GROUPS.filter((group) => group !== "ok");

/** How calls ended over time: repaired, retried, fell back, failed, stopped, denied by a budget. */
export function OutcomesPanel({ dashboard }: { dashboard: UsageDashboard }) {
  const { totals, window } = dashboard;
  const byGroup = Object.fromEntries(OUTCOME_GROUPS.map((group) => [group, 0])) as Record<OutcomeGroup, number>;
  for (const point of dashboard.series) for (const group of OUTCOME_GROUPS) byGroup[group] += point.outcomes[group];
  const notClean = CHARTED.reduce((sum, group) => sum + byGroup[group], 0);
  const rows = dashboard.series.map((point) => ({
    label: bucketLabel(point.start, window.bucket),
    title: bucketTitle(point.start, window.bucket),
    values: CHARTED.map((group) => point.outcomes[group]),
  }));
  const failures = FAILED_OUTCOMES.filter((outcome) => totals.byOutcome[outcome] > 0);

  return (
    <Panel
      title="Outcomes"
      testId="usage-outcomes-chart"
      description={
        totals.calls > 0 ? (
          <>
            Calls that needed help, failed or were refused, per {window.bucket}. Clean first answers:{" "}
            <span className="font-medium text-zinc-700 dark:text-zinc-200">{formatPercent(byGroup.ok, totals.calls)}</span> of {formatCount(totals.calls)} calls.
          </>
        ) : (
          "How often output was repaired, retried, answered by a fallback model, failed, stopped or refused by a budget."
        )
      }
    >
      {notClean > 0 ? (
        <>
          <ChartLegend
            label="Outcomes"
            items={CHARTED.map((group) => ({
              label: OUTCOME_GROUP_LABELS[group].label,
              color: OUTCOME_COLORS[group],
              value: formatCount(byGroup[group]),
              note: formatPercent(byGroup[group], totals.calls),
            }))}
          />
          <StackedBarsChart series={CHARTED.map((group) => ({ label: OUTCOME_GROUP_LABELS[group].label, color: OUTCOME_COLORS[group] }))} rows={rows} kind="count" title={`Calls per ${window.bucket} that needed help, failed or were refused, by outcome`} />
          {failures.length > 0 ? (
            <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">
              <span className="font-medium text-zinc-700 dark:text-zinc-300">Failed attempts: </span>
              {failures.map((outcome) => `${formatCount(totals.byOutcome[outcome])} ${OUTCOME_LABELS[outcome].toLowerCase()}`).join(" · ")}
            </p>
          ) : null}
          <DataTableDetails
            caption={`Calls per ${window.bucket} by outcome`}
            columns={[window.bucket === "hour" ? "Hour (UTC)" : "Day (UTC)", OUTCOME_GROUP_LABELS.ok.label, ...CHARTED.map((group) => OUTCOME_GROUP_LABELS[group].label)]}
            rows={dashboard.series.map((point) => [bucketTitle(point.start, window.bucket), ...OUTCOME_GROUPS.map((group) => formatCount(point.outcomes[group]))])}
          />
        </>
      ) : (
        <PanelEmpty>
          {totals.calls > 0
            ? `All ${formatCount(totals.calls)} calls were clean first answers: nothing repaired, retried, failed or refused.`
            : "Repairs, retries, fallbacks, failures and budget denials will be charted here as calls are made."}
        </PanelEmpty>
      )}
    </Panel>
  );
}
