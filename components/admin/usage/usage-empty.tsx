import { GaugeIcon } from "@/components/ui/icons";
import { RANGE_LABELS, type UsageParams } from "@/lib/telemetry/metrics-range";

const WHAT_APPEARS = [
  "Tokens and cost per day, stacked by model, and model calls per day",
  "Latency p50 / p95 / p99 and time to first token for each model",
  "How often output was repaired, retried, answered by a fallback, failed or refused by a budget",
  "The heaviest users by tokens and cost, with what is left of their budgets",
];

/** The page with no calls in the range: what will appear, and how to get data to look at. */
export function UsageEmpty({ params }: { params: UsageParams }) {
  const what = params.source === "seed" ? "synthetic calls" : params.source === "eval" ? "eval calls" : "model calls";
  return (
    <section data-testid="usage-empty" aria-labelledby="usage-empty-title" className="rounded-xl border border-dashed border-zinc-300 px-6 py-10 text-center dark:border-zinc-700">
      <GaugeIcon className="mx-auto size-8 text-zinc-400 dark:text-zinc-500" />
      <h3 id="usage-empty-title" className="mt-3 text-base font-semibold text-zinc-950 dark:text-white">
        No {what} in {RANGE_LABELS[params.range].long}
      </h3>
      <p className="mx-auto mt-1.5 max-w-lg text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
        {params.source === "seed"
          ? "Run npm run seed to generate a month of synthetic usage (clearly marked as such) and see this page with data."
          : params.source === "eval"
            ? "Eval runs (npm run eval) log their model calls here, apart from real usage."
            : "Every model call is logged a moment after its reply finishes. Once people chat, this page shows:"}
      </p>
      {params.source === "app" ? (
        <ul className="mx-auto mt-4 grid max-w-xl gap-2 text-left text-sm text-zinc-600 sm:grid-cols-2 dark:text-zinc-400">
          {WHAT_APPEARS.map((item) => (
            <li key={item} className="rounded-lg border border-zinc-200 bg-white px-3 py-2 dark:border-zinc-800 dark:bg-zinc-900/60">
              {item}
            </li>
          ))}
        </ul>
      ) : null}
      {params.source === "app" ? (
        <p className="mt-4 text-xs text-zinc-500 dark:text-zinc-400">
          Developing? <code className="rounded bg-zinc-100 px-1 font-mono dark:bg-zinc-800">npm run seed</code> fills the database with synthetic usage, shown under “Synthetic”.
        </p>
      ) : null}
    </section>
  );
}
