import { formatCompact, formatCount, formatDollars, formatDollarsCompact, formatMs } from "./format";

/**
 * How a chart formats its values. Charts are client components and functions
 * cannot cross from the server, so the server names the kind and both sides
 * look the formatters up here.
 */
export type ValueKind = "tokens" | "dollars" | "count" | "ms";

export const VALUE_FORMATS: Record<ValueKind, { axis: (value: number) => string; exact: (value: number) => string }> = {
  tokens: { axis: formatCompact, exact: formatCount },
  count: { axis: formatCompact, exact: formatCount },
  dollars: { axis: formatDollarsCompact, exact: formatDollars },
  ms: { axis: formatMs, exact: formatMs },
};
