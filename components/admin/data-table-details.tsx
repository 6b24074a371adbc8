/**
 * The numbers behind a chart, as a table behind a disclosure: what a screen
 * reader (or anyone wanting exact figures) reads instead of the bars.
 */
export function DataTableDetails({ caption, columns, rows, testId }: { caption: string; columns: readonly string[]; rows: ReadonlyArray<readonly string[]>; testId?: string }) {
  return (
    <details className="group mt-3" data-testid={testId}>
      <summary className="inline-flex cursor-pointer items-center gap-1 rounded text-xs font-medium text-zinc-500 select-none hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white">
        <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">›</span>
        Show as table
      </summary>
      <div className="mt-2 max-h-72 overflow-auto rounded-lg border border-zinc-200 dark:border-zinc-800">
        <table className="w-full text-left text-xs">
          <caption className="sr-only">{caption}</caption>
          <thead className="sticky top-0 bg-zinc-50 text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
            <tr>
              {columns.map((column, index) => (
                <th key={column} scope="col" className={`px-3 py-1.5 font-medium whitespace-nowrap ${index > 0 ? "text-right" : ""}`}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {rows.map((row, rowIndex) => (
              // Rows are fixed for a render and first cells need not be unique (two runs may share a label).
              <tr key={rowIndex}>
                {row.map((cell, index) =>
                  index === 0 ? (
                    <th key={index} scope="row" className="px-3 py-1.5 font-normal whitespace-nowrap text-zinc-700 dark:text-zinc-300">
                      {cell}
                    </th>
                  ) : (
                    <td key={index} className="px-3 py-1.5 text-right whitespace-nowrap text-zinc-950 tabular-nums dark:text-zinc-100">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
