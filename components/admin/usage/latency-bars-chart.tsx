"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMs } from "./format";
import { ChartTooltipCard } from "./chart-tooltip";
import { PERCENTILE_COLORS } from "./palette";

export type LatencyRow = { model: string; p50: number; p95: number; p99: number; samples: number };

const PERCENTILES = ["p50", "p95", "p99"] as const;

/** p50, p95 and p99 per model as grouped horizontal bars (models are long names; they read best on the left). */
export function LatencyBarsChart({ rows, title }: { rows: readonly LatencyRow[]; title: string }) {
  const byModel = new Map(rows.map((row) => [row.model, row]));
  const height = 36 + rows.length * 54;
  return (
    <div className="text-zinc-500 dark:text-zinc-400" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          layout="vertical"
          data={rows.map((row) => ({ ...row }))}
          title={title}
          desc="Use the arrow keys to move between models; the numbers are also in the table below."
          margin={{ top: 0, right: 8, bottom: 0, left: 0 }}
          barGap={2}
          barCategoryGap="22%"
        >
          <CartesianGrid horizontal={false} stroke="currentColor" strokeOpacity={0.15} />
          <XAxis type="number" tickFormatter={(value: number) => formatMs(value)} tickLine={false} axisLine={false} tick={{ fill: "currentColor", fontSize: 11 }} />
          <YAxis type="category" dataKey="model" tickLine={false} axisLine={false} width={96} tick={{ fill: "currentColor", fontSize: 11 }} />
          <Tooltip
            cursor={{ fill: "currentColor", fillOpacity: 0.07 }}
            isAnimationActive={false}
            content={({ active, label }) => {
              const row = active ? byModel.get(String(label)) : undefined;
              if (!row) return null;
              return (
                <ChartTooltipCard
                  title={`${row.model} · ${row.samples.toLocaleString("en-US")} calls`}
                  lines={PERCENTILES.map((p) => ({ label: p, color: PERCENTILE_COLORS[p], value: formatMs(row[p]) }))}
                />
              );
            }}
          />
          {PERCENTILES.map((p) => (
            <Bar key={p} dataKey={p} name={p} fill={PERCENTILE_COLORS[p]} isAnimationActive={false} radius={[0, 3, 3, 0]} maxBarSize={12} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
