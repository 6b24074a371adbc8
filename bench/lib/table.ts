/** Plain-text tables: what every benchmark prints, readable in a terminal and pasteable into Markdown. */

export type Cell = string | number;

/** Formats a number with a fixed count of decimals, or "n/a" for NaN/Infinity. */
export function fmt(value: number, decimals = 1): string {
  return Number.isFinite(value) ? value.toLocaleString("en", { minimumFractionDigits: decimals, maximumFractionDigits: decimals }) : "n/a";
}

/** A ratio as "0.93×". */
export function ratio(numerator: number, denominator: number, decimals = 2): string {
  return denominator > 0 && Number.isFinite(numerator) ? `${fmt(numerator / denominator, decimals)}×` : "n/a";
}

/** A signed difference, "+1.2" / "−0.3", so "added" figures read as such. */
export function delta(value: number, decimals = 1): string {
  if (!Number.isFinite(value)) return "n/a";
  return `${value < 0 ? "−" : "+"}${fmt(Math.abs(value), decimals)}`;
}

/** A Markdown table (pipes aligned), so the README can quote it verbatim. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const text = rows.map((row) => row.map(String));
  const widths = headers.map((header, column) => Math.max(header.length, ...text.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(" | ")} |`;
  const rule = `|${widths.map((width, column) => (column === 0 ? `-${"-".repeat(width)}-` : `-${"-".repeat(width)}:`)).join("|")}|`;
  return [line(headers), rule, ...text.map(line)].join("\n");
}

export function printTable(title: string, headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>): void {
  console.log(`\n${title}\n\n${formatTable(headers, rows)}\n`);
}
