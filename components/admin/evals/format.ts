/** Formatting for the eval pages (client-safe). Times are shown in UTC, the same for every admin. */

export function formatPercent(rate: number): string {
  return `${(rate * 100).toFixed(rate === 1 || rate === 0 ? 0 : 1)}%`;
}

/** Micro-dollars as dollars, with enough decimals that a cent's fraction still shows. */
export function formatMicros(micros: number): string {
  const dollars = micros / 1_000_000;
  if (micros === 0) return "$0";
  if (dollars < 0.01) return `$${dollars.toFixed(4)}`;
  return `$${dollars.toFixed(dollars < 1 ? 3 : 2)}`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

const dateFormat = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });

export function formatDate(date: Date | string): string {
  return `${dateFormat.format(new Date(date))} UTC`;
}

const withSeconds = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZone: "UTC" });

/** Chart labels for runs: to the minute, or to the second when two runs share a minute. */
export function runLabels(dates: readonly (Date | string)[]): string[] {
  const minutes = dates.map((date) => dateFormat.format(new Date(date)));
  return new Set(minutes).size === minutes.length ? minutes : dates.map((date) => withSeconds.format(new Date(date)));
}

/** A run's faults in words, or null for a clean run. */
export function faultLabel(run: { faultModes: string[] | null; faultRate: number | null }): string | null {
  if (!run.faultModes || run.faultModes.length === 0) return null;
  const rate = run.faultRate ?? 1;
  return `${run.faultModes.join(", ")}${rate < 1 ? ` at ${Math.round(rate * 100)}%` : ""}`;
}
