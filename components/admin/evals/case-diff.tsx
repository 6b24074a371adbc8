import type { FieldRow } from "@/evals/view/field-diff";
import type { Json } from "@/evals/types";
import { JsonValue } from "./json-value";

const CHANGE_LABEL: Record<FieldRow["change"], string> = { same: "same", changed: "changed", missing: "missing", unexpected: "unexpected" };

const CHANGE_STYLE: Record<FieldRow["change"], string> = {
  same: "text-zinc-500 dark:text-zinc-400",
  changed: "bg-amber-50 text-amber-900 dark:bg-amber-950/60 dark:text-amber-200",
  missing: "bg-rose-50 text-rose-800 dark:bg-rose-950/60 dark:text-rose-300",
  unexpected: "bg-rose-50 text-rose-800 dark:bg-rose-950/60 dark:text-rose-300",
};

function ListItems({ items, only, tone }: { items: Json[]; only: Json[] | undefined; tone: "removed" | "added" }) {
  const marked = new Set((only ?? []).map((item) => JSON.stringify(item)));
  return (
    <ul className="flex flex-wrap gap-1">
      {items.length === 0 ? <li className="text-zinc-400 italic dark:text-zinc-500">empty list</li> : null}
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

function Cell({ row, side }: { row: FieldRow; side: "expected" | "actual" }) {
  const value = row[side];
  if (Array.isArray(value) && row.change === "changed") {
    return <ListItems items={value} only={side === "expected" ? row.onlyExpected : row.onlyActual} tone={side === "expected" ? "removed" : "added"} />;
  }
  return <JsonValue value={value} />;
}

/**
 * Expected (the case's reference answer) against the trial's actual output,
 * field by field. Informational: criteria decide pass or fail, and a good
 * answer may differ from the reference in wording.
 */
export function CaseDiff({ rows }: { rows: readonly FieldRow[] }) {
  return (
    <div className="-mx-4 overflow-x-auto sm:mx-0" data-testid="eval-case-diff">
      <table className="w-full min-w-[32rem] table-fixed text-sm">
        <caption className="sr-only">Expected and actual output, field by field</caption>
        <colgroup>
          <col className="w-32" />
          <col />
          <col />
        </colgroup>
        <thead className="border-b border-zinc-200 dark:border-zinc-800">
          <tr className="text-left text-xs text-zinc-500 dark:text-zinc-400">
            <th scope="col" className="px-3 py-2 font-medium">Field</th>
            <th scope="col" className="px-3 py-2 font-medium">Expected</th>
            <th scope="col" className="px-3 py-2 font-medium">Actual</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {rows.map((row) => (
            <tr key={row.path} data-field={row.path} data-change={row.change}>
              <th scope="row" className="px-3 py-2 text-left align-top font-normal">
                <span className="block font-mono text-xs break-all text-zinc-900 dark:text-zinc-100">{row.path}</span>
                <span className={`mt-1 inline-block rounded px-1.5 py-px text-[11px] font-medium ${CHANGE_STYLE[row.change]}`}>{CHANGE_LABEL[row.change]}</span>
              </th>
              <td className="px-3 py-2 align-top text-zinc-700 dark:text-zinc-300">
                <Cell row={row} side="expected" />
              </td>
              <td className="px-3 py-2 align-top text-zinc-700 dark:text-zinc-300">
                <Cell row={row} side="actual" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
