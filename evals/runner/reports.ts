import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import builder from "junit-report-builder";
import type { CaseResult, RunReport } from "../types";

export const DEFAULT_REPORT_DIR = "reports/evals";
/** What the gate reads unless told otherwise. */
export const LATEST_REPORT = "latest.json";

/**
 * Writes the run as JSON (`<runId>.json` and `latest.json`, which the gate
 * reads) and as JUnit XML (`junit.xml`, one testcase per eval case), for CI
 * systems that display test reports.
 */
export async function writeReports(report: RunReport, dir: string): Promise<{ json: string; latest: string; junit: string }> {
  await mkdir(dir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const files = { json: path.join(dir, `${report.runId}.json`), latest: path.join(dir, LATEST_REPORT), junit: path.join(dir, "junit.xml") };
  await Promise.all([writeFile(files.json, json), writeFile(files.latest, json), writeFile(files.junit, junitXml(report))]);
  return files;
}

export function junitXml(report: RunReport): string {
  const junit = builder.newBuilder().name(`evals ${report.runId}`);
  const features = [...new Set(report.cases.map((entry) => entry.feature))];
  for (const feature of features) {
    const suite = junit.testSuite().name(`evals.${feature}`);
    suite.property("model", report.model.primary).property("trials", String(report.trialsPerCase));
    if (report.faults) suite.property("faults", `${report.faults.modes.join(",")}@${report.faults.rate}`);
    for (const entry of report.cases.filter((item) => item.feature === feature)) {
      const testCase = suite
        .testCase()
        .className(`evals.${feature}`)
        .name(entry.id)
        .time(entry.trials.reduce((sum, trial) => sum + trial.latencyMs, 0) / 1000)
        .standardOutput(trialLines(entry));
      if (entry.status === "errored") testCase.error(reasonsOf(entry), "errored");
      else if (entry.status === "failed") testCase.failure(reasonsOf(entry), "failed");
      // A flaky case is a failure too: it did not pass every trial.
      else if (entry.status === "flaky") testCase.failure(`flaky: passed ${entry.passedTrials} of ${entry.trials.length} trials. ${reasonsOf(entry)}`, "flaky");
    }
  }
  return junit.build();
}

function reasonsOf(entry: CaseResult): string {
  const reasons = new Set<string>();
  for (const trial of entry.trials) {
    if (trial.error) reasons.add(trial.error);
    for (const assertion of trial.assertions) if (assertion.status === "failed") reasons.add(`${assertion.label}: ${assertion.reason}`);
  }
  return [...reasons].join("\n");
}

function trialLines(entry: CaseResult): string {
  return entry.trials
    .map((trial) => `trial ${trial.trial}: ${trial.status}, ${trial.latencyMs} ms, ${trial.inputTokens}+${trial.outputTokens} tokens, ${trial.costMicros} µ$`)
    .join("\n");
}
