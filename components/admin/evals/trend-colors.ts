/** The trend chart's series colours, shared by the chart (client) and its legend (server). */
export const TREND_COLORS = { pass: "var(--color-accent-500)", flaky: "#f59e0b", regressed: "#e11d48" } as const;
