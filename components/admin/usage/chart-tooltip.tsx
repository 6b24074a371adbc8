"use client";

/** The charts' tooltip card: a heading and one line per non-zero series, optionally with a total. */
export function ChartTooltipCard({ title, lines, total }: { title: string; lines: Array<{ label: string; color: string; value: string }>; total?: string }) {
  return (
    <div className="min-w-44 rounded-lg border border-zinc-200 bg-white/95 px-3 py-2 text-xs shadow-lg backdrop-blur dark:border-zinc-700 dark:bg-zinc-900/95">
      <p className="mb-1.5 font-medium text-zinc-950 dark:text-white">{title}</p>
      {lines.length === 0 ? <p className="text-zinc-500 dark:text-zinc-400">Nothing in this bucket</p> : null}
      <ul className="space-y-1">
        {lines.map((line) => (
          <li key={line.label} className="flex items-center gap-2 text-zinc-600 dark:text-zinc-300">
            <span aria-hidden="true" className="size-2 shrink-0 rounded-sm" style={{ background: line.color }} />
            <span className="min-w-0 flex-1 truncate">{line.label}</span>
            <span className="font-medium text-zinc-950 tabular-nums dark:text-white">{line.value}</span>
          </li>
        ))}
      </ul>
      {total ? (
        <p className="mt-1.5 flex justify-between border-t border-zinc-200 pt-1.5 text-zinc-600 dark:border-zinc-700 dark:text-zinc-300">
          <span>Total</span>
          <span className="font-semibold text-zinc-950 tabular-nums dark:text-white">{total}</span>
        </p>
      ) : null}
    </div>
  );
}
