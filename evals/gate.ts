import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { allCaseIds } from "./cases";
import { BASELINE_FILE, readBaseline, type Baseline } from "./gate/baseline";
import { checkGate, GATE_CONFIG, type GateResult } from "./gate/check-gate";
import { DEFAULT_REPORT_DIR, LATEST_REPORT } from "./runner/reports";
import type { RunReport } from "./types";

/*
 * `npm run eval:gate`: judges the last eval run (reports/evals/latest.json)
 * against the committed baseline (evals/baseline.json) and the thresholds.
 * Exit 0: the gate passed. 1: it failed (the output says which check and which
 * cases). 2: it could not run (no report, unreadable baseline, bad arguments).
 * Also writes reports/evals/gate.json, which `npm test` counts.
 */

const USAGE = `npm run eval:gate -- [--report ${DEFAULT_REPORT_DIR}/${LATEST_REPORT}] [--baseline ${BASELINE_FILE}] [--min-pass-rate 0.9]`;

type GateInputs = { report: RunReport; baseline: Baseline; minPassRate: number; reportPath: string; baselinePath: string };

async function readInputs(argv: readonly string[]): Promise<GateInputs> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: { report: { type: "string" }, baseline: { type: "string" }, "min-pass-rate": { type: "string" } },
  });
  const reportPath = values.report ?? path.join(DEFAULT_REPORT_DIR, LATEST_REPORT);
  const baselinePath = values.baseline ?? BASELINE_FILE;
  const rateText = values["min-pass-rate"] ?? process.env.EVAL_MIN_PASS_RATE;
  const minPassRate = rateText === undefined || rateText === "" ? GATE_CONFIG.minPassRate : Number(rateText);
  if (!(minPassRate >= 0 && minPassRate <= 1)) throw new Error(`--min-pass-rate must be from 0 to 1, got "${rateText}"`);

  let reportText: string;
  try {
    reportText = await readFile(reportPath, "utf8");
  } catch {
    throw new Error(`no eval report at ${reportPath}: run \`npm run eval\` first`);
  }
  const report = JSON.parse(reportText) as RunReport;
  if (report.version !== 1 || !Array.isArray(report.cases)) throw new Error(`${reportPath} is not an eval report (version 1)`);
  return { report, baseline: await readBaseline(baselinePath), minPassRate, reportPath, baselinePath };
}

function print(result: GateResult, inputs: GateInputs): void {
  const { report, baseline } = inputs;
  const faults = report.faults ? `, faults ${report.faults.modes.join(",")} at rate ${report.faults.rate}` : "";
  console.log(`eval gate: run ${report.runId} (${report.model.chain.join(" → ")}${faults}) against baseline ${baseline.runId} (${inputs.baselinePath})`);
  for (const check of result.checks) {
    console.log(`  ${check.ok ? "✓" : "✗"} ${check.title}`);
    for (const line of check.detail) console.log(`      ${line}`);
  }
  if (result.newlyFlaky.length > 0) console.log(`  ~ warning: newly flaky (passed every trial in the baseline): ${result.newlyFlaky.join(", ")}`);
  if (result.improved.length > 0) console.log(`  + improved since the baseline: ${result.improved.join(", ")} (approve this run to keep them)`);
  if (result.regressed.length > 0) console.log(`regressed cases: ${result.regressed.join(", ")}`);
  console.log(`eval gate: ${result.passed ? "PASSED" : "FAILED"}`);
}

async function main(argv: readonly string[]): Promise<number> {
  let inputs: GateInputs;
  try {
    inputs = await readInputs(argv);
  } catch (error) {
    console.error(`eval gate: could not run: ${error instanceof Error ? error.message : String(error)}\nusage: ${USAGE}`);
    return 2;
  }
  const result = checkGate({ report: inputs.report, baseline: inputs.baseline, suiteCaseIds: allCaseIds(), config: { minPassRate: inputs.minPassRate } });
  print(result, inputs);
  const out = path.join(path.dirname(inputs.reportPath), "gate.json");
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify({ runId: inputs.report.runId, baselineRunId: inputs.baseline.runId, ...result }, null, 2)}\n`);
  return result.passed ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("eval gate: could not run:", error);
    process.exit(2);
  },
);
