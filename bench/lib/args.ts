import os from "node:os";

/** The flags every benchmark understands, from argv or the environment. */
export type BenchArgs = {
  /** `--quick` / BENCH_QUICK=1: one short round per side, for checking that a script works, not for figures. */
  quick: boolean;
};

export function benchArgs(argv: readonly string[] = process.argv.slice(2)): BenchArgs {
  return { quick: argv.includes("--quick") || process.env.BENCH_QUICK === "1" };
}

/** The machine a figure came from, printed under every table. */
export function machineLine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  return `${os.availableParallelism()} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${os.platform()}/${os.arch()}`;
}
