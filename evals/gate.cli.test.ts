import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { replyCases } from "./cases/reply";
import { summarizeCases } from "./cases/summarize";
import type { RunReport } from "./types";

/*
 * The eval CLI and the gate as CI runs them, in child processes: a clean run
 * passes the committed baseline, and a run with a fault switched on fails it
 * with exit 1, naming the cases that regressed.
 */

const out = mkdtempSync(path.join(tmpdir(), "ballast-evals-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

// The offline model (no provider keys) on a throwaway database, without its simulated
// typing delay: the whole suite in seconds instead of tens of seconds.
const { DATABASE_URL: _url, OPENAI_API_KEY: _key, OPENAI_BASE_URL: _base, LLM_FALLBACK_MODELS: _fallbacks, ...inherited } = process.env;
const env = { ...inherited, CI: "1", PGLITE_DIR: "memory://", OFFLINE_FIRST_CHUNK_MS: "0", OFFLINE_CHUNK_MS: "0" };

function run(script: "evals/cli.ts" | "evals/gate.ts", args: string[]) {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], { env, encoding: "utf8", timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const answeredIds = [...replyCases, ...summarizeCases].filter((entry) => !entry.tags.includes("refusal")).map((entry) => entry.id);
const refusalIds = [...replyCases, ...summarizeCases].filter((entry) => entry.tags.includes("refusal")).map((entry) => entry.id);

describe("npm run eval + npm run eval:gate", () => {
  it("a clean run of the whole suite passes the gate (exit 0)", () => {
    const dir = path.join(out, "clean");
    const evalRun = run("evals/cli.ts", ["--trials", "1", "--out", dir]);
    expect(evalRun.stderr).toBe("");
    expect(evalRun.code).toBe(0);
    expect(evalRun.stdout).toMatch(/cases: \d+ · passed \d+ · failed 0 · flaky 0 · errored 0/);
    const report = JSON.parse(readFileSync(path.join(dir, "latest.json"), "utf8")) as RunReport;
    expect(report.cases.length).toBe(replyCases.length + summarizeCases.length);
    expect(readFileSync(path.join(dir, "junit.xml"), "utf8")).toContain('<testcase classname="evals.reply" name="reply.happy.pgbouncer"');

    const gate = run("evals/gate.ts", ["--report", path.join(dir, "latest.json")]);
    expect(gate.stdout).toContain("eval gate: PASSED");
    expect(gate.code).toBe(0);
  }, 120_000);

  it("with the missing_field fault on every attempt, the gate fails (exit 1) and names the regressed cases", () => {
    const dir = path.join(out, "faults");
    const evalRun = run("evals/cli.ts", ["--trials", "1", "--faults", "missing_field", "--out", dir]);
    expect(evalRun.code).toBe(0);

    const gate = run("evals/gate.ts", ["--report", path.join(dir, "latest.json")]);
    expect(gate.code).toBe(1);
    expect(gate.stdout).toContain("eval gate: FAILED");
    expect(gate.stdout).toMatch(/✗ \d+ cases passed in the baseline \(run [^)]+\) and fail now/);
    const regressed = /^regressed cases: (.+)$/m.exec(gate.stdout)?.[1]?.split(", ") ?? [];
    // Every case that needs the model's answer regressed; refusals never reach the model, so they still pass.
    expect([...regressed].sort()).toEqual([...answeredIds].sort());
    for (const id of refusalIds) expect(regressed).not.toContain(id);
    expect(gate.stdout).toContain("reply.happy.pgbouncer (0/1 trials passed): output matches the feature's schema — there is no value to validate: the pipeline answered invalid_output:model");

    const verdict = JSON.parse(readFileSync(path.join(dir, "gate.json"), "utf8")) as { passed: boolean; regressed: string[] };
    expect(verdict.passed).toBe(false);
    expect(verdict.regressed).toEqual(regressed);
  }, 120_000);

  it("repairable faults (prose around the JSON, code fences) keep the gate green: the pipeline repairs them", () => {
    const dir = path.join(out, "repairable");
    expect(run("evals/cli.ts", ["--trials", "1", "--faults", "prose,fence", "--out", dir]).code).toBe(0);
    const gate = run("evals/gate.ts", ["--report", path.join(dir, "latest.json")]);
    expect(gate.stdout).toContain("eval gate: PASSED");
    expect(gate.code).toBe(0);
  }, 120_000);

  it("exits 2 when it cannot run: no report, or bad arguments", () => {
    const missing = run("evals/gate.ts", ["--report", path.join(out, "nowhere.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no eval report at");
    expect(run("evals/cli.ts", ["--trials", "zero"]).code).toBe(2);
    expect(run("evals/cli.ts", ["--filter", "no-such-case"]).code).toBe(2);
  }, 60_000);
});
