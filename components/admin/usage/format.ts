/*
 * Number formatting for the usage pages. Money arrives as integer
 * micro-dollars and is formatted with integer arithmetic, so a figure on the
 * page is the stored figure rounded once, never a float's approximation.
 */

const whole = new Intl.NumberFormat("en-US");
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const MICROS_PER_CENT = 10_000;

/** "12,345". */
export function formatCount(value: number): string {
  return whole.format(value);
}

/** "12.3K", "4.5M": for tiles and axes; the exact count goes in a title or a table. */
export function formatCompact(value: number): string {
  return Math.abs(value) < 1000 ? whole.format(value) : compact.format(value);
}

/**
 * "$1,234.56" for a cent or more; "$0.0042" below a cent (a cheap call is
 * a fraction of one); "$0.00" for nothing; "<$0.0001" for a sliver.
 */
export function formatDollars(micros: number): string {
  const sign = micros < 0 ? "−" : "";
  const abs = Math.abs(Math.round(micros));
  if (abs === 0) return "$0.00";
  if (abs < MICROS_PER_CENT) {
    const tenThousandths = Math.round(abs / 100);
    if (tenThousandths === 0) return `${sign}<$0.0001`;
    return `${sign}$0.${String(tenThousandths).padStart(4, "0")}`;
  }
  const cents = Math.round(abs / MICROS_PER_CENT);
  return `${sign}$${whole.format(Math.floor(cents / 100))}.${String(cents % 100).padStart(2, "0")}`;
}

/** "$1.2K", "$12", "$0.42", "$0.003": an axis tick. */
export function formatDollarsCompact(micros: number): string {
  const dollars = micros / 1_000_000;
  if (dollars === 0) return "$0";
  if (Math.abs(dollars) >= 1000) return `$${compact.format(dollars)}`;
  if (Math.abs(dollars) >= 10) return `$${Math.round(dollars)}`;
  if (Math.abs(dollars) >= 0.1) return `$${dollars.toFixed(2).replace(/\.?0+$/, "")}`;
  return `$${Number(dollars.toPrecision(2))}`;
}

/** "840 ms", "2.3 s", "21 s". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 1000)} s`;
}

/** "12.5%", "0.4%", "<0.1%", "0%"; "—" when there is nothing to divide by. */
export function formatPercent(part: number, total: number): string {
  if (total === 0) return "—";
  if (part === 0) return "0%";
  const percent = (part / total) * 100;
  if (percent < 0.1) return "<0.1%";
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}

const dayLabel = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const dayLong = new Intl.DateTimeFormat("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });
const hourLabel = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone: "UTC" });

/** An axis label for a bucket: "Nov 3" for a day, "14:00" for an hour (UTC: the rollups' and budgets' clock). */
export function bucketLabel(start: string, bucket: "hour" | "day"): string {
  return bucket === "day" ? dayLabel.format(new Date(start)) : hourLabel.format(new Date(start));
}

/** A tooltip's heading for a bucket: "Tue, Nov 3 (UTC)" or "Nov 3, 14:00–15:00 UTC". */
export function bucketTitle(start: string, bucket: "hour" | "day"): string {
  const at = new Date(start);
  if (bucket === "day") return `${dayLong.format(at)} (UTC)`;
  const end = new Date(at.getTime() + 3_600_000);
  return `${dayLabel.format(at)}, ${hourLabel.format(at)}–${hourLabel.format(end)} UTC`;
}

/** "Nov 3, 14:05:09 UTC". */
export function formatDateTime(iso: string): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}
