#!/usr/bin/env node
// The whole test suite, one command: lint, typecheck, unit and integration
// tests (Vitest), the production build, and end-to-end tests (Playwright in
// Chromium). Every step runs even when an earlier one fails, so one run shows
// everything that is wrong; the last line is the combined count.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const reports = "reports";
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const onlyUnit = process.argv.includes("--unit");
const steps = [
  { name: "lint", cmd: ["npx", "eslint", ".", "--max-warnings=0"] },
  { name: "typecheck", cmd: ["npx", "tsc", "--noEmit", "-p", "."] },
  {
    name: "unit + integration",
    cmd: ["npx", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${reports}/vitest.json`],
  },
  ...(onlyUnit
    ? []
    : [
        // The eval suite on the offline model, then the deploy gate over it (evals/gate.ts):
        // this is where `.ci/run` gets `npm run eval:gate`, so its verdict lands in the summary.
        // A throwaway database: CI has nobody to show the run to, and a dev's .data stays untouched.
        { name: "evals", cmd: ["npm", "run", "--silent", "eval", "--", "--quiet"], env: { PGLITE_DIR: "memory://" } },
        { name: "eval gate", cmd: ["npm", "run", "--silent", "eval:gate"] },
        { name: "build", cmd: ["npx", "next", "build"] },
        {
          name: "e2e",
          cmd: ["npx", "playwright", "test"],
          env: { E2E_SKIP_BUILD: "1", PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright.json` },
        },
      ]),
];

const failedSteps = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.cmd.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(step.cmd[0], step.cmd.slice(1), {
    stdio: "inherit",
    env: { ...process.env, ...step.env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`=== ${step.name}: ${ok ? "ok" : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds}s`);
  if (!ok) failedSteps.push(step.name);
}

const counts = { passed: 0, failed: 0, skipped: 0 };
const failuresInReports = {};
const vitestReport = `${reports}/vitest.json`;
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, "utf8"));
  counts.passed += report.numPassedTests;
  counts.failed += report.numFailedTests;
  counts.skipped += report.numPendingTests + report.numTodoTests;
  failuresInReports["unit + integration"] = report.numFailedTests;
}
const playwrightReport = `${reports}/playwright.json`;
if (existsSync(playwrightReport)) {
  const { stats } = JSON.parse(readFileSync(playwrightReport, "utf8"));
  counts.passed += stats.expected + stats.flaky;
  counts.failed += stats.unexpected;
  counts.skipped += stats.skipped;
  failuresInReports.e2e = stats.unexpected;
}
// Each check of the eval gate (critical cases, pass rate, regressions, errored or missing) counts as one test.
const gateReport = `${reports}/evals/gate.json`;
if (existsSync(gateReport)) {
  const { checks } = JSON.parse(readFileSync(gateReport, "utf8"));
  const failedChecks = checks.filter((check) => !check.ok).length;
  counts.passed += checks.length - failedChecks;
  counts.failed += failedChecks;
  failuresInReports["eval gate"] = failedChecks;
}
// A step that failed with no failing test to show for it (lint, typecheck, build,
// a runner that could not start) counts as one failure.
const failed = counts.failed + failedSteps.filter((name) => !failuresInReports[name]).length;

console.log(`\nsteps failed: ${failedSteps.length ? failedSteps.join(", ") : "none"}`);
console.log(`tests: ${counts.passed} passed, ${failed} failed, ${counts.skipped} skipped`);
process.exit(failedSteps.length || failed ? 1 : 0);
