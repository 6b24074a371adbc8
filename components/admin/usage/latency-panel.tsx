import type { ModelLatency, Percentiles, UsageDashboard } from "@/lib/telemetry/metrics-types";
import { formatCount, formatMs } from "./format";
import { LatencyBarsChart, type LatencyRow } from "./latency-bars-chart";
import { PERCENTILE_COLORS } from "./palette";
import { Panel, PanelEmpty } from "../panel";

function rowsOf(models: readonly ModelLatency[], metric: "latency" | "firstToken"): LatencyRow[] {
  return models.flatMap((model) => {
    const figures = model[metric];
    return figures ? [{ model: model.modelId, ...figures }] : [];
  });
}

const cell = (figures: Percentiles | null, p: "p50" | "p95" | "p99") => (figures ? formatMs(figures[p]) : "—");

/** p50/p95/p99 of whole-attempt latency and of time to first token, per model. */
export function LatencyPanel({ dashboard }: { dashboard: UsageDashboard }) {
  const total = rowsOf(dashboard.latency, "latency");
  const first = rowsOf(dashboard.latency, "firstToken");
  return (
    <Panel
      title="Latency by model"
      testId="usage-latency-chart"
      description="Percentiles of whole attempts and of time to first token, read from hourly histograms (each within 10% above the exact value). Budget denials are not timed."
      actions={
        <ul aria-label="Percentiles" className="flex gap-3 text-xs text-zinc-600 dark:text-zinc-300">
          {(["p50", "p95", "p99"] as const).map((p) => (
            <li key={p} className="flex items-center gap-1.5">
              <span aria-hidden="true" className="size-2.5 rounded-sm" style={{ background: PERCENTILE_COLORS[p] }} />
              {p}
            </li>
          ))}
        </ul>
      }
    >
      {total.length > 0 ? (
        <>
          <div className="grid gap-x-8 gap-y-4 md:grid-cols-2">
            <figure>
              <figcaption className="mb-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">Whole attempt</figcaption>
              <LatencyBarsChart rows={total} title="Whole-attempt latency p50, p95 and p99 by model" />
            </figure>
            <figure>
              <figcaption className="mb-1 text-xs font-medium text-zinc-700 dark:text-zinc-300">Time to first token</figcaption>
              {first.length > 0 ? <LatencyBarsChart rows={first} title="Time to first token p50, p95 and p99 by model" /> : <PanelEmpty height="h-24">No attempt streamed a first token.</PanelEmpty>}
            </figure>
          </div>
          <div className="mt-4 overflow-x-auto">
            <table className="w-full min-w-[36rem] text-left text-xs whitespace-nowrap" data-testid="usage-latency-table">
              <caption className="sr-only">Latency percentiles by model</caption>
              <thead className="text-zinc-500 dark:text-zinc-400">
                <tr className="border-b border-zinc-200 dark:border-zinc-800">
                  <th scope="col" className="py-1.5 pr-3 font-medium">Model</th>
                  <th scope="col" className="px-3 py-1.5 text-right font-medium">Timed calls</th>
                  <th scope="col" className="px-3 py-1.5 text-right font-medium">p50</th>
                  <th scope="col" className="px-3 py-1.5 text-right font-medium">p95</th>
                  <th scope="col" className="px-3 py-1.5 text-right font-medium">p99</th>
                  <th scope="col" className="px-3 py-1.5 text-right font-medium">First token p50</th>
                  <th scope="col" className="px-3 py-1.5 text-right font-medium">p95</th>
                  <th scope="col" className="py-1.5 pl-3 text-right font-medium">p99</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 tabular-nums dark:divide-zinc-800">
                {[...dashboard.latency, { modelId: "All models", ...dashboard.overallLatency }].map((model, index, all) => (
                  <tr key={model.modelId} className={index === all.length - 1 ? "font-medium" : undefined}>
                    <th scope="row" className="py-1.5 pr-3 font-normal text-zinc-700 dark:text-zinc-300">{model.modelId}</th>
                    <td className="px-3 py-1.5 text-right text-zinc-600 dark:text-zinc-400">{formatCount(model.latency?.samples ?? 0)}</td>
                    <td className="px-3 py-1.5 text-right text-zinc-950 dark:text-zinc-100">{cell(model.latency, "p50")}</td>
                    <td className="px-3 py-1.5 text-right text-zinc-950 dark:text-zinc-100">{cell(model.latency, "p95")}</td>
                    <td className="px-3 py-1.5 text-right text-zinc-950 dark:text-zinc-100">{cell(model.latency, "p99")}</td>
                    <td className="px-3 py-1.5 text-right text-zinc-950 dark:text-zinc-100">{cell(model.firstToken, "p50")}</td>
                    <td className="px-3 py-1.5 text-right text-zinc-950 dark:text-zinc-100">{cell(model.firstToken, "p95")}</td>
                    <td className="py-1.5 pl-3 text-right text-zinc-950 dark:text-zinc-100">{cell(model.firstToken, "p99")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <PanelEmpty>p50, p95 and p99 of each model&apos;s latency and time to first token will appear here once calls reach a model.</PanelEmpty>
      )}
    </Panel>
  );
}
