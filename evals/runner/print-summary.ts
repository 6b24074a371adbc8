import type { RunReport } from "../types";
import { STATUS_MARK } from "./progress";
import { percentile } from "./summarize-run";

const integer = (n: number) => Math.round(n).toLocaleString("en");

/** The summary table: one row per case, then the run's totals. */
export function formatSummary(report: RunReport): string {
  const rows = report.cases.map((entry) => {
    const model = entry.trials.filter((trial) => trial.attempts > 0);
    const failing = new Set(entry.trials.flatMap((trial) => trial.assertions.filter((a) => a.status === "failed").map((a) => a.kind)));
    const errors = entry.trials.flatMap((trial) => (trial.error ? [trial.error] : []));
    return [
      `${STATUS_MARK[entry.status]} ${entry.id}${entry.critical ? " *" : ""}`,
      entry.status,
      `${entry.passedTrials}/${entry.trials.length}`,
      model.length > 0 ? integer(percentile(model.map((trial) => trial.latencyMs), 50)) : "–",
      integer(entry.trials.reduce((sum, trial) => sum + trial.costMicros, 0)),
      [...failing].join(", ") || (errors[0] ? errors[0].slice(0, 60) : ""),
    ];
  });
  const header = ["case (* critical)", "status", "trials", "p50 ms", "cost µ$", "failing criteria"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 3 || column === 4 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join("  ")
      .trimEnd();
  const { summary } = report;
  const faults = report.faults ? `, faults ${report.faults.modes.join(",")} at rate ${report.faults.rate}` : "";
  return [
    line(header),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map(line),
    "",
    `run ${report.runId} · model ${report.model.chain.join(" → ")}${report.model.offline ? " (offline)" : ""}${faults} · ${report.trialsPerCase} trials per case`,
    `cases: ${summary.cases} · passed ${summary.passed} · failed ${summary.failed} · flaky ${summary.flaky} · errored ${summary.errored}`,
    `pass rate ${(summary.passRate * 100).toFixed(1)}% (${summary.passedTrials}/${summary.totalTrials} trials) · cost ${integer(summary.costMicros)} µ$${
      summary.judgeCostMicros > 0 ? ` (+${integer(summary.judgeCostMicros)} µ$ judge)` : ""
    } · latency p50 ${integer(summary.p50LatencyMs)} ms, p95 ${integer(summary.p95LatencyMs)} ms · ${(report.durationMs / 1000).toFixed(1)} s`,
    report.judgeModel ? `LLM judge: ${report.judgeModel}` : "LLM judge: skipped (offline model only)",
  ].join("\n");
}
