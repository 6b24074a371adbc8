"use client";

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMicros, formatMs } from "./format";
import { TREND_COLORS } from "./trend-colors";

export type TrendPoint = {
  runId: string;
  label: string;
  /** 0–100. */
  passRate: number;
  flaky: number;
  regressed: number;
  costMicros: number;
  p95LatencyMs: number;
  faults: string | null;
};

const { pass: PASS_COLOR, flaky: FLAKY_COLOR, regressed: REGRESSED_COLOR } = TREND_COLORS;

/** Pass rate per run (line) with flaky and regressed case counts (bars), oldest run on the left. */
export function TrendChart({ points }: { points: readonly TrendPoint[] }) {
  const byRun = new Map(points.map((point) => [point.runId, point]));
  return (
    <div className="h-56 text-zinc-500 dark:text-zinc-400" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points.map((point) => ({ ...point }))} margin={{ top: 8, right: 4, bottom: 0, left: 4 }}>
          <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
          <XAxis dataKey="runId" tickFormatter={(runId: string) => byRun.get(runId)?.label ?? runId} tickLine={false} axisLine={false} tick={{ fill: "currentColor", fontSize: 11 }} minTickGap={24} />
          <YAxis yAxisId="rate" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(value: number) => `${value}%`} tickLine={false} axisLine={false} width={44} tick={{ fill: "currentColor", fontSize: 11 }} />
          <YAxis yAxisId="cases" orientation="right" allowDecimals={false} tickLine={false} axisLine={false} width={28} tick={{ fill: "currentColor", fontSize: 11 }} />
          <Tooltip
            cursor={{ fill: "currentColor", fillOpacity: 0.07 }}
            isAnimationActive={false}
            content={({ active, label }) => {
              const point = active ? byRun.get(String(label)) : undefined;
              if (!point) return null;
              return (
                <div className="min-w-48 rounded-lg border border-zinc-200 bg-white/95 px-3 py-2 text-xs shadow-lg backdrop-blur dark:border-zinc-700 dark:bg-zinc-900/95">
                  <p className="font-medium text-zinc-950 dark:text-white">{point.label}</p>
                  <p className="mb-1.5 font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{point.runId}</p>
                  <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-0.5 text-zinc-600 dark:text-zinc-300">
                    <dt>Pass rate</dt>
                    <dd className="text-right font-medium text-zinc-950 tabular-nums dark:text-white">{point.passRate.toFixed(1)}%</dd>
                    <dt>Flaky / regressed</dt>
                    <dd className="text-right tabular-nums">
                      {point.flaky} / {point.regressed}
                    </dd>
                    <dt>Cost</dt>
                    <dd className="text-right tabular-nums">{formatMicros(point.costMicros)}</dd>
                    <dt>p95 latency</dt>
                    <dd className="text-right tabular-nums">{formatMs(point.p95LatencyMs)}</dd>
                  </dl>
                  {point.faults ? <p className="mt-1.5 text-amber-800 dark:text-amber-300">faults: {point.faults}</p> : null}
                </div>
              );
            }}
          />
          <Bar yAxisId="cases" dataKey="flaky" name="Flaky cases" stackId="cases" fill={FLAKY_COLOR} maxBarSize={18} isAnimationActive={false} />
          <Bar yAxisId="cases" dataKey="regressed" name="Regressed cases" stackId="cases" fill={REGRESSED_COLOR} maxBarSize={18} radius={[3, 3, 0, 0]} isAnimationActive={false} />
          <Line yAxisId="rate" dataKey="passRate" name="Pass rate" stroke={PASS_COLOR} strokeWidth={2} dot={{ r: 3, fill: PASS_COLOR }} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
