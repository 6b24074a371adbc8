import { formatMicros, formatMs } from "./format";
import { DataTableDetails } from "../data-table-details";
import { Panel } from "../panel";
import { TrendChart, type TrendPoint } from "./trend-chart";
import { TREND_COLORS } from "./trend-colors";

const LEGEND = [
  { label: "Pass rate (left axis)", color: TREND_COLORS.pass },
  { label: "Flaky cases (right axis)", color: TREND_COLORS.flaky },
  { label: "Regressed cases (right axis)", color: TREND_COLORS.regressed },
];

/** The trend over recent runs, with the same numbers as a table for screen readers and exact figures. */
export function TrendPanel({ points }: { points: readonly TrendPoint[] }) {
  return (
    <Panel title="Trend" description="Pass rate of each run, with its flaky and regressed cases, oldest on the left." testId="eval-trend-chart">
      <ul aria-hidden="true" className="mb-3 flex flex-wrap gap-x-4 gap-y-1.5 text-xs text-zinc-600 dark:text-zinc-300">
        {LEGEND.map((item) => (
          <li key={item.label} className="flex items-center gap-1.5">
            <span className="size-2.5 shrink-0 rounded-sm" style={{ background: item.color }} />
            {item.label}
          </li>
        ))}
      </ul>
      <TrendChart points={points} />
      <DataTableDetails
        caption="Pass rate, flaky and regressed cases, cost and p95 latency per run"
        columns={["Run", "Pass rate", "Flaky", "Regressed", "Cost", "p95"]}
        rows={points.map((point) => [
          `${point.label}${point.faults ? ` (faults: ${point.faults})` : ""}`,
          `${point.passRate.toFixed(1)}%`,
          String(point.flaky),
          String(point.regressed),
          formatMicros(point.costMicros),
          formatMs(point.p95LatencyMs),
        ])}
      />
    </Panel>
  );
}
