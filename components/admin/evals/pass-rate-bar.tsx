import { formatPercent } from "./format";

/** A pass rate as text with a thin bar beside it (the text carries the number; the bar is decoration). */
export function PassRateBar({ rate, passed, total }: { rate: number; passed: number; total: number }) {
  const tone = rate >= 0.9 ? "bg-emerald-500" : rate >= 0.7 ? "bg-amber-500" : "bg-rose-500";
  return (
    <span className="inline-flex items-center gap-2" title={`${passed} of ${total} trials passed`}>
      <span className="w-12 text-right font-medium text-zinc-950 tabular-nums dark:text-white">{formatPercent(rate)}</span>
      <span aria-hidden="true" className="hidden h-1.5 w-16 overflow-hidden rounded-full bg-zinc-200 sm:block dark:bg-zinc-700">
        <span className={`block h-full rounded-full ${tone}`} style={{ width: `${Math.round(rate * 100)}%` }} />
      </span>
    </span>
  );
}
