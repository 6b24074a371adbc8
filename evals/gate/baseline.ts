import { readFile, writeFile } from "node:fs/promises";
import type { CaseStatus, RunReport } from "../types";

/**
 * The approved baseline as committed in evals/baseline.json: which cases
 * passed in the run someone approved. A file, not a database row, so the gate
 * works on a clean CI clone; the admin page's "approve" offers the same file.
 */
export type Baseline = {
  version: 1;
  runId: string;
  approvedAt: string;
  approvedBy: string;
  model: string;
  trialsPerCase: number;
  cases: Record<string, CaseStatus>;
};

export const BASELINE_FILE = "evals/baseline.json";

/** A baseline must describe the whole suite as it runs normally: no filter, no injected faults. */
export function canBeBaseline(run: { filter: string | null; faultModes: readonly string[] | null }): boolean {
  return !run.filter && (!run.faultModes || run.faultModes.length === 0);
}

export const NOT_A_BASELINE = "Only a whole, clean run (no --filter, no injected faults) can become the baseline.";

export function baselineFromRun({
  runId,
  model,
  trialsPerCase,
  statuses,
  approvedBy,
  approvedAt = new Date(),
}: {
  runId: string;
  model: string;
  trialsPerCase: number;
  statuses: Iterable<[string, CaseStatus]>;
  approvedBy: string;
  approvedAt?: Date;
}): Baseline {
  // Sorted ids: approving a new run changes only the lines of cases whose status changed.
  const cases = Object.fromEntries([...statuses].sort(([a], [b]) => a.localeCompare(b)));
  return { version: 1, runId, approvedAt: approvedAt.toISOString(), approvedBy, model, trialsPerCase, cases };
}

export function baselineFromReport(report: RunReport, approvedBy: string): Baseline {
  return baselineFromRun({
    runId: report.runId,
    model: report.model.primary,
    trialsPerCase: report.trialsPerCase,
    statuses: report.cases.map((entry) => [entry.id, entry.status]),
    approvedBy,
  });
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

export async function writeBaseline(path: string, baseline: Baseline): Promise<void> {
  await writeFile(path, serializeBaseline(baseline));
}

const STATUSES: readonly string[] = ["passed", "failed", "flaky", "errored"];

/** Reads and checks a baseline file; throws with what is wrong (the gate then cannot run). */
export async function readBaseline(path: string): Promise<Baseline> {
  const value: unknown = JSON.parse(await readFile(path, "utf8"));
  if (!isBaseline(value)) throw new Error(`${path} is not an eval baseline (version 1 with a cases map of statuses)`);
  return value;
}

export function isBaseline(value: unknown): value is Baseline {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Baseline>;
  return (
    candidate.version === 1 &&
    typeof candidate.runId === "string" &&
    typeof candidate.cases === "object" &&
    candidate.cases !== null &&
    Object.values(candidate.cases).every((status) => STATUSES.includes(status))
  );
}
