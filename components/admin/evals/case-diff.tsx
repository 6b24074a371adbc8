import type { FieldRow } from "@/evals/view/field-diff";
import type { Json } from "@/evals/types";
import { JsonValue } from "./json-value";

const CHANGE_STYLE: Record<FieldRow["change"], string> = {
  same: "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300",
  changed: "bg-amber-50 text-amber-900 dark:bg-amber-950/60 dark:text-amber-200",
  missing: "bg-rose-50 text-rose-800 dark:bg-rose-950/60 dark:text-rose-300",
  unexpected: "bg-rose-50 text-rose-800 dark:bg-rose-950/60 dark:text-rose-300",
};

/** Fields in the order the features declare them; anything else after, then the error. */
const FIELD_ORDER = ["answer", "summary", "tags", "confidence"];
const orderOf = (path: string) => {
  const top = path.split(".")[0] ?? path;
  if (top === "error") return FIELD_ORDER.length + 1;
  const index = FIELD_ORDER.indexOf(top);
  return index === -1 ? FIELD_ORDER.length : index;
};

function ListItems({ items, only, tone }: { items: Json[]; only: Json[] | undefined; tone: "removed" | "added" }) {
  const marked = new Set((only ?? []).map((item) => JSON.stringify(item)));
  if (items.length === 0) return <span className="text-zinc-400 italic dark:text-zinc-500">empty list</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {items.map((item, index) => {
        const odd = marked.has(JSON.stringify(item));
        return (
          <li
            key={index}
            className={
              "rounded px-1.5 py-px font-mono text-xs " +
              (!odd
                ? "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200"
                : tone === "removed"
                  ? "bg-rose-100 text-rose-900 line-through decoration-rose-400 dark:bg-rose-950 dark:text-rose-200"
                  : "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200")
            }
          >
            {typeof item === "string" ? item : JSON.stringify(item)}
            {odd ? <span className="sr-only">{tone === "removed" ? " (only expected)" : " (only actual)"}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

function Value({ row, side }: { row: FieldRow; side: "expected" | "actual" }) {
  const value = row[side];
  if (Array.isArray(value) && value.every((item) => typeof item !== "object" || item === null)) {
    return <ListItems items={value} only={side === "expected" ? row.onlyExpected : row.onlyActual} tone={side === "expected" ? "removed" : "added"} />;
  }
  return <JsonValue value={value} />;
}

/**
 * Expected (the case's reference answer) against the trial's actual output,
 * field by field: three columns on a wide screen, stacked on a phone.
 * Informational: the criteria decide pass or fail, and a good answer may word
 * things differently from the reference.
 */
export function CaseDiff({ rows }: { rows: readonly FieldRow[] }) {
  const sorted = [...rows].sort((a, b) => orderOf(a.path) - orderOf(b.path));
  return (
    <div data-testid="eval-case-diff">
      <div aria-hidden="true" className="hidden grid-cols-[9rem_1fr_1fr] gap-4 border-b border-zinc-200 px-1 pb-2 text-xs font-medium text-zinc-500 sm:grid dark:border-zinc-800 dark:text-zinc-400">
        <span>Field</span>
        <span>Expected</span>
        <span>Actual</span>
      </div>
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {sorted.map((row) => (
          <li key={row.path} data-field={row.path} data-change={row.change} className="grid gap-2 px-1 py-3 text-sm sm:grid-cols-[9rem_1fr_1fr] sm:gap-4">
            <div className="flex items-center gap-2 sm:block">
              <span className="block font-mono text-xs break-all text-zinc-900 dark:text-zinc-100">{row.path}</span>
              <span className={`inline-block rounded px-1.5 py-px text-[11px] font-medium sm:mt-1 ${CHANGE_STYLE[row.change]}`}>{row.change}</span>
            </div>
            <div className="min-w-0 text-zinc-700 dark:text-zinc-300">
              <span className="mb-0.5 block text-[11px] font-medium text-zinc-500 sm:sr-only dark:text-zinc-400">Expected</span>
              <Value row={row} side="expected" />
            </div>
            <div className="min-w-0 text-zinc-700 dark:text-zinc-300">
              <span className="mb-0.5 block text-[11px] font-medium text-zinc-500 sm:sr-only dark:text-zinc-400">Actual</span>
              <Value row={row} side="actual" />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
