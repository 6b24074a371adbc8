"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { VALUE_FORMATS, type ValueKind } from "./chart-kinds";
import { ChartTooltipCard } from "./chart-tooltip";

export type ChartSeries = { label: string; color: string };
export type ChartRow = { label: string; title: string; values: readonly number[] };

/**
 * Bars per time bucket, stacked by series (models, outcomes). Series are
 * addressed by position, not by name: Recharts reads a dotted key such as
 * "gpt-4.1-mini" as a nested path.
 */
export function StackedBarsChart({
  series,
  rows,
  kind,
  title,
  height = 220,
}: {
  series: readonly ChartSeries[];
  rows: readonly ChartRow[];
  kind: ValueKind;
  /** The chart's accessible name (its SVG title; Recharts makes the chart a keyboard-navigable application). */
  title: string;
  height?: number;
}) {
  const format = VALUE_FORMATS[kind];
  const data = rows.map((row) => ({ label: row.label, ...Object.fromEntries(series.map((_, index) => [`s${index}`, row.values[index] ?? 0])) }));
  const byLabel = new Map(rows.map((row) => [row.label, row]));

  return (
    <div className="text-zinc-500 dark:text-zinc-400" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          title={title}
          desc="Use the arrow keys to move between bars; the numbers are also in the table below the chart."
          margin={{ top: 4, right: 4, bottom: 0, left: 0 }}
          barCategoryGap={rows.length > 14 ? "18%" : "28%"}
        >
          <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
          <XAxis dataKey="label" tickLine={false} axisLine={false} tick={{ fill: "currentColor", fontSize: 11 }} minTickGap={14} interval="preserveStartEnd" />
          <YAxis tickFormatter={(value: number) => format.axis(value)} tickLine={false} axisLine={false} width={52} tick={{ fill: "currentColor", fontSize: 11 }} allowDecimals={kind !== "count" && kind !== "tokens"} />
          <Tooltip
            cursor={{ fill: "currentColor", fillOpacity: 0.07 }}
            isAnimationActive={false}
            content={({ active, label }) => {
              const row = active ? byLabel.get(String(label)) : undefined;
              if (!row) return null;
              const lines = series.flatMap((item, index) => ((row.values[index] ?? 0) > 0 ? [{ label: item.label, color: item.color, value: format.exact(row.values[index]!) }] : []));
              const total = row.values.reduce((sum, value) => sum + value, 0);
              return <ChartTooltipCard title={row.title} lines={lines.reverse()} total={series.length > 1 ? format.exact(total) : undefined} />;
            }}
          />
          {series.map((item, index) => (
            <Bar key={item.label} dataKey={`s${index}`} name={item.label} stackId="stack" fill={item.color} isAnimationActive={false} radius={index === series.length - 1 ? [3, 3, 0, 0] : 0} maxBarSize={36} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
