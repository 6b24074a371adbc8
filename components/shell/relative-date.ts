const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const weekday = new Intl.DateTimeFormat("en", { weekday: "long" });
const monthDay = new Intl.DateTimeFormat("en", { month: "short", day: "numeric" });
const monthDayYear = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", year: "numeric" });
const full = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

function startOfDay(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** "Just now", "5 min ago", "3 h ago", "Yesterday", "Monday", "Mar 3", "Mar 3, 2024". */
export function formatRelativeDate(iso: string, now: number): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return "";
  const elapsed = now - time;
  if (elapsed < MINUTE) return "Just now";
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  const days = Math.round((startOfDay(now) - startOfDay(time)) / DAY);
  if (days === 0) return `${Math.floor(elapsed / HOUR)} h ago`;
  if (days === 1) return "Yesterday";
  if (days < 7) return weekday.format(time);
  return new Date(time).getFullYear() === new Date(now).getFullYear()
    ? monthDay.format(time)
    : monthDayYear.format(time);
}

/** Absolute date and time, for a tooltip. */
export function formatFullDate(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? "" : full.format(time);
}
