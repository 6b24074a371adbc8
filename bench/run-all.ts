/**
 * `npm run bench`: every benchmark, one after another, each in its own
 * process (so one's heap, JIT and open handles never colour the next), with
 * the flags given here passed on (`-- --quick` for a fast check that they run).
 * Benchmarks that another part of the app adds (bench/admin-page.ts) run when
 * their file exists.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { machineLine } from "./lib/args";
import { ensureBenchBuild } from "./lib/bench-build";
import { tsxArgs } from "./lib/processes";

const BENCHMARKS = ["parser", "ledger", "frontend", "pipeline", "admin-page"];
const passOn = process.argv.slice(2);

// Built once here, so the benchmarks that serve the app do not each check and rebuild.
ensureBenchBuild();

const failed: string[] = [];
for (const name of BENCHMARKS) {
  const script = `bench/${name}.ts`;
  if (!existsSync(script)) {
    console.log(`\n=== ${name}: ${script} does not exist, skipped`);
    continue;
  }
  console.log(`\n=== ${name} (${script})`);
  const started = Date.now();
  const [command, ...args] = tsxArgs(script, []);
  const result = spawnSync(command!, [...args, ...passOn], { stdio: "inherit", env: { ...process.env, BENCH_REUSE_BUILD: "1" } });
  const ok = result.status === 0;
  console.log(`=== ${name}: ${ok ? "done" : `FAILED (exit ${result.status ?? result.signal})`} in ${Math.round((Date.now() - started) / 1000)} s`);
  if (!ok) failed.push(name);
}
console.log(`\nmachine: ${machineLine()}`);
console.log(failed.length ? `benchmarks failed: ${failed.join(", ")}` : "all benchmarks ran");
process.exit(failed.length ? 1 : 0);
