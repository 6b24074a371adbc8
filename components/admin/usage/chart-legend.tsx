/** A chart's legend as real text: each series, its colour and its total over the range. */
export function ChartLegend({ items, label }: { items: ReadonlyArray<{ label: string; color: string; value: string; note?: string }>; label: string }) {
  return (
    <ul aria-label={label} className="mb-3 flex flex-wrap gap-x-4 gap-y-1.5 text-xs">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5 text-zinc-600 dark:text-zinc-300">
          <span aria-hidden="true" className="size-2.5 shrink-0 rounded-sm" style={{ background: item.color }} />
          <span>{item.label}</span>
          <span className="font-medium text-zinc-950 tabular-nums dark:text-white">{item.value}</span>
          {item.note ? <span className="text-zinc-500 dark:text-zinc-400">{item.note}</span> : null}
        </li>
      ))}
    </ul>
  );
}
