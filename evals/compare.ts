import type { CaseStatus } from "./types";

/** Case id → status, of a run or of the committed baseline. */
export type StatusMap = ReadonlyMap<string, CaseStatus>;

export type RunComparison = {
  /** Passed every trial before, passes none now (or errors). */
  regressed: string[];
  /** Passed every trial before, passes only some now. */
  newlyFlaky: string[];
  /** Did not pass every trial before, passes every trial now. */
  improved: string[];
  /** In the current run only. */
  added: string[];
  /** In the reference only. */
  removed: string[];
  unchanged: number;
};

/**
 * How a run compares with a reference (the baseline, or any earlier run). A
 * case that went from always passing to passing sometimes is "newly flaky",
 * not regressed: with a real model one bad trial in three is noise more often
 * than a regression, and critical cases are held to every trial anyway.
 */
export function compareRuns(reference: StatusMap, current: StatusMap): RunComparison {
  const result: RunComparison = { regressed: [], newlyFlaky: [], improved: [], added: [], removed: [], unchanged: 0 };
  for (const [id, now] of current) {
    const before = reference.get(id);
    if (before === undefined) result.added.push(id);
    else if (before === "passed" && (now === "failed" || now === "errored")) result.regressed.push(id);
    else if (before === "passed" && now === "flaky") result.newlyFlaky.push(id);
    else if (before !== "passed" && now === "passed") result.improved.push(id);
    else result.unchanged++;
  }
  for (const id of reference.keys()) if (!current.has(id)) result.removed.push(id);
  return result;
}
