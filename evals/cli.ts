import { execFileSync } from "node:child_process";
import { closeDb, getDb } from "@/db/client";
import { approveEvalRun, saveEvalRun } from "@/db/queries/evals";
import { getAttemptPolicy } from "@/lib/ai/attempt-policy";
import { countTokens } from "@/lib/context/count-tokens";
import { flushCallLog } from "@/lib/telemetry/call-log";
import { createJudge } from "./criteria/judge";
import { BASELINE_FILE, baselineFromReport, writeBaseline } from "./gate/baseline";
import { evalChain, isOfflineChain } from "./runner/chain";
import { EVAL_USAGE, parseEvalOptions, type EvalOptions } from "./runner/options";
import { formatSummary } from "./runner/print-summary";
import { createProgress } from "./runner/progress";
import { writeReports } from "./runner/reports";
import { runSuite } from "./runner/run-suite";
import { filterCases, runnableCases } from "./suites";

/*
 * `npm run eval`: runs the suite through the app's pipeline, prints the table,
 * writes reports/evals/{latest.json,<run>.json,junit.xml} and stores the run.
 * Exit 0 when the run completed (whatever its cases did: judging them is the
 * gate's job), 2 when it could not run or could not be stored.
 */

async function main(argv: readonly string[]): Promise<number> {
  let options: EvalOptions;
  try {
    options = parseEvalOptions(argv);
  } catch (error) {
    console.error(`eval: ${errorText(error)}\n\n${EVAL_USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(EVAL_USAGE);
    return 0;
  }

  const chain = evalChain(options.model);
  const offline = isOfflineChain(chain);
  const policy = getAttemptPolicy();
  const cases = filterCases(runnableCases(), options.filter);
  if (cases.length === 0) {
    console.error(`eval: no case matches --filter "${options.filter}"`);
    return 2;
  }

  let judgeCost = 0;
  const judgeChain = offline ? null : options.judgeModel ? evalChain(options.judgeModel) : chain.slice(0, 1);
  const judge = judgeChain
    ? {
        judge: createJudge({ chain: judgeChain, policy, onCost: (micros) => (judgeCost += micros) }),
        modelId: judgeChain[0]?.id ?? "unknown",
        costMicros: () => judgeCost,
      }
    : null;

  // Opening the database (PGlite compiles its WASM and migrates) blocks the event loop for
  // seconds: done first, so it cannot land in the middle of trials and inflate their latency.
  // The call log needs it even with --no-db.
  const database = await getDb().then(
    () => null,
    (error: unknown) => error,
  );
  if (database && options.store) {
    console.error(`eval: could not open the database (use --no-db to run without storing): ${errorText(database)}`);
    return 2;
  }
  countTokens("warm up the tokenizer before the clock starts");

  const runId = newRunId();
  const interactive = Boolean(process.stdout.isTTY) && !process.env.CI;
  if (!options.quiet) {
    const faults = options.faults ? `, faults ${options.faults.modes.join(",")} at rate ${options.faults.rate}` : "";
    console.log(`eval run ${runId}: ${cases.length} cases × ${options.trials} trials on ${chain.map((entry) => entry.id).join(" → ")}${faults}`);
  }
  const progress = createProgress({ totalTrials: cases.length * options.trials, interactive, quiet: options.quiet });
  const report = await runSuite({
    runId,
    cases,
    trials: options.trials,
    concurrency: options.concurrency,
    chain,
    offline,
    policy,
    faults: options.faults,
    judge,
    filter: options.filter,
    gitSha: gitSha(),
    onTrialEnd: progress.trialDone,
    onCaseEnd: progress.caseDone,
  });
  progress.stop();
  console.log(`\n${formatSummary(report)}`);

  const files = await writeReports(report, options.outDir);
  console.log(`reports: ${files.latest}, ${files.json}, ${files.junit}`);

  if (options.store) {
    try {
      const db = await getDb();
      await saveEvalRun({ db, report });
      if (options.approve) await approveEvalRun({ db, runId, approvedBy: "npm run eval -- --approve" });
      console.log(`stored run ${runId} in the database${options.approve ? " and approved it as the baseline" : ""}`);
    } catch (error) {
      console.error(`eval: could not store the run in the database: ${errorText(error)}`);
      return 2;
    }
  }
  if (options.approve) {
    await writeBaseline(BASELINE_FILE, baselineFromReport(report, "npm run eval -- --approve"));
    console.log(`wrote ${BASELINE_FILE}: commit it to make this run the gate's baseline`);
  }
  return 0;
}

function newRunId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);
  return `${stamp}-${crypto.randomUUID().slice(0, 4)}`;
}

function gitSha(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim() || null;
  } catch {
    return null;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function finish(code: number): Promise<never> {
  // Call-log rows are written off the hot path: wait for them before closing the database.
  await flushCallLog().catch(() => {});
  await closeDb().catch(() => {});
  process.exit(code);
}

main(process.argv.slice(2)).then(finish, async (error: unknown) => {
  console.error("eval: could not run:", error);
  await finish(2);
});
