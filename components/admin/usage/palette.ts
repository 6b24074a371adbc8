import type { OutcomeGroup } from "@/lib/telemetry/metrics-outcomes";

/*
 * Chart colours: mid-tone hues that keep 3:1 contrast against both the white
 * and the zinc-950 background, in a fixed order (the biggest model always
 * gets the first), plus one neutral for "other models".
 */
export const SERIES_COLORS = ["#6366f1", "#0ea5e9", "#10b981", "#f59e0b", "#ec4899", "#8b5cf6"] as const;
export const OTHER_COLOR = "#a1a1aa";

export function seriesColor(index: number): string {
  return SERIES_COLORS[index] ?? OTHER_COLOR;
}

export const OUTCOME_COLORS: Record<OutcomeGroup, string> = {
  ok: "#a1a1aa",
  repaired: "#0ea5e9",
  retried: "#f59e0b",
  fallback: "#8b5cf6",
  failed: "#f43f5e",
  aborted: "#71717a",
  budget_denied: "#f97316",
};

/** p50, p95, p99: one hue, darker for the slower tail. */
export const PERCENTILE_COLORS = { p50: "#a5b4fc", p95: "#6366f1", p99: "#3730a3" } as const;
