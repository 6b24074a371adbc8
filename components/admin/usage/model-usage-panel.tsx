import type { ReactNode } from "react";
import type { UsageDashboard } from "@/lib/telemetry/metrics-types";
import { ChartLegend } from "./chart-legend";
import { VALUE_FORMATS, type ValueKind } from "./chart-kinds";
import { DataTableDetails } from "../data-table-details";
import { modelBreakdown } from "./model-breakdown";
import { Panel, PanelEmpty } from "../panel";
import { StackedBarsChart } from "./stacked-bars-chart";
import type { CallAmounts } from "@/lib/telemetry/metrics-types";

/** One figure per day (or hour) stacked by model, with its legend and its numbers as a table. */
export function ModelUsagePanel({
  dashboard,
  title,
  description,
  figure,
  kind,
  testId,
  empty,
}: {
  dashboard: UsageDashboard;
  title: string;
  description: ReactNode;
  figure: (amounts: CallAmounts) => number;
  kind: ValueKind;
  testId: string;
  empty: string;
}) {
  const { series, rows, totals } = modelBreakdown(dashboard, figure);
  const format = VALUE_FORMATS[kind];
  const hasData = totals.some((total) => total > 0);
  const unit = dashboard.window.bucket === "hour" ? "Hour (UTC)" : "Day (UTC)";
  return (
    <Panel title={title} description={description} testId={testId}>
      {hasData ? (
        <>
          <ChartLegend label={`${title} by model`} items={series.map((item, index) => ({ label: item.label, color: item.color, value: format.exact(totals[index] ?? 0) }))} />
          <StackedBarsChart series={series} rows={rows} kind={kind} title={`${title} per ${dashboard.window.bucket} by model`} />
          <DataTableDetails
            caption={`${title} per ${dashboard.window.bucket} by model`}
            columns={[unit, ...series.map((item) => item.label), "Total"]}
            rows={rows.map((row) => [row.title, ...row.values.map(format.exact), format.exact(row.values.reduce((sum, value) => sum + value, 0))])}
          />
        </>
      ) : (
        <PanelEmpty>{empty}</PanelEmpty>
      )}
    </Panel>
  );
}
