import type { CallAmounts, UsageDashboard } from "@/lib/telemetry/metrics-types";
import type { ChartRow, ChartSeries } from "./stacked-bars-chart";
import { bucketLabel, bucketTitle } from "./format";
import { OTHER_COLOR, SERIES_COLORS, seriesColor } from "./palette";

const ZERO: CallAmounts = { calls: 0, requests: 0, inputTokens: 0, outputTokens: 0, costMicros: 0 };

export type Breakdown = { series: ChartSeries[]; rows: ChartRow[]; totals: number[] };

/**
 * One figure (tokens, cost, calls) per bucket, stacked by model: the
 * biggest models by tokens get their own colour, the rest share "other".
 */
export function modelBreakdown(dashboard: UsageDashboard, figure: (amounts: CallAmounts) => number): Breakdown {
  const named = dashboard.models.slice(0, SERIES_COLORS.length);
  const others = dashboard.models.slice(SERIES_COLORS.length);
  const series: ChartSeries[] = named.map((model, index) => ({ label: model.modelId, color: seriesColor(index) }));
  if (others.length > 0) series.push({ label: `${others.length} other model${others.length === 1 ? "" : "s"}`, color: OTHER_COLOR });

  const rows = dashboard.series.map((point): ChartRow => {
    const values = named.map((model) => figure(point.byModel[model.modelId] ?? ZERO));
    if (others.length > 0) values.push(others.reduce((sum, model) => sum + figure(point.byModel[model.modelId] ?? ZERO), 0));
    return { label: bucketLabel(point.start, dashboard.window.bucket), title: bucketTitle(point.start, dashboard.window.bucket), values };
  });
  const totals = series.map((_, index) => rows.reduce((sum, row) => sum + (row.values[index] ?? 0), 0));
  return { series, rows, totals };
}

export const tokensOf = (amounts: CallAmounts) => amounts.inputTokens + amounts.outputTokens;
export const costOf = (amounts: CallAmounts) => amounts.costMicros;
export const callsOf = (amounts: CallAmounts) => amounts.calls;
export const requestsOf = (amounts: CallAmounts) => amounts.requests;
