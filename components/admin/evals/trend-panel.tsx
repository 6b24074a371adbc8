import { formatMicros, formatMs } from "./format";
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
      <details className="group mt-3">
        <summary className="inline-flex cursor-pointer items-center gap-1 rounded text-xs font-medium text-zinc-500 select-none hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white">
          <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
            ›
          </span>
          Show as table
        </summary>
        <div className="mt-2 max-h-72 overflow-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">Pass rate, flaky and regressed cases, cost and p95 latency per run</caption>
            <thead className="sticky top-0 bg-zinc-50 text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                {["Run", "Pass rate", "Flaky", "Regressed", "Cost", "p95"].map((column, index) => (
                  <th key={column} scope="col" className={`px-3 py-1.5 font-medium whitespace-nowrap ${index > 0 ? "text-right" : ""}`}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {points.map((point) => (
                <tr key={point.runId}>
                  <th scope="row" className="px-3 py-1.5 font-normal whitespace-nowrap text-zinc-700 dark:text-zinc-300">
                    {point.label}
                    {point.faults ? ` (faults: ${point.faults})` : ""}
                  </th>
                  {[`${point.passRate.toFixed(1)}%`, String(point.flaky), String(point.regressed), formatMicros(point.costMicros), formatMs(point.p95LatencyMs)].map((cell, index) => (
                    <td key={index} className="px-3 py-1.5 text-right whitespace-nowrap text-zinc-950 tabular-nums dark:text-zinc-100">
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </Panel>
  );
}
