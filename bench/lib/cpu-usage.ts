import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";

/**
 * CPU time used by processes, from /proc (Linux): how many CPU milliseconds
 * one request costs in each process is steadier on a shared machine than
 * requests per second, and says which process is the bottleneck.
 */

const ticksPerSecond = (() => {
  const result = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
  return Number(result.stdout.trim()) || 100;
})();

/** User + system CPU milliseconds a process (and its reaped children) has used; 0 when unknown. */
export function processCpuMs(pid: number): number {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return 0;
  try {
    // The command name (field 2) may hold spaces; the fields after its closing ")" are fixed.
    const fields = readFileSync(file, "utf8").split(") ")[1]!.split(" ");
    const [utime, stime, cutime, cstime] = [fields[11], fields[12], fields[13], fields[14]].map(Number);
    return (((utime ?? 0) + (stime ?? 0) + (cutime ?? 0) + (cstime ?? 0)) * 1000) / ticksPerSecond;
  } catch {
    return 0; // exited between the check and the read
  }
}

export function cpuAccountingAvailable(): boolean {
  return existsSync(`/proc/${process.pid}/stat`);
}

/** CPU per named group of processes between two moments; pids may change (new pool connections), so they are re-read. */
export type CpuGroups = Record<string, () => Promise<number[]> | number[]>;

export type CpuSnapshot = Record<string, Map<number, number>>;

export async function cpuSnapshot(groups: CpuGroups): Promise<CpuSnapshot> {
  const entries = await Promise.all(Object.entries(groups).map(async ([name, pids]) => [name, new Map((await pids()).map((pid) => [pid, processCpuMs(pid)]))] as const));
  return Object.fromEntries(entries);
}

/** Milliseconds of CPU each group used since `before` (a process born in between counts from zero). */
export async function cpuSince(groups: CpuGroups, before: CpuSnapshot): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(groups).map(async ([name, pids]) => {
      const start = before[name] ?? new Map<number, number>();
      const used = (await pids()).reduce((total, pid) => total + Math.max(0, processCpuMs(pid) - (start.get(pid) ?? 0)), 0);
      return [name, used] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Every live process in a process group (a child spawned detached leads its own group). */
export function processGroupPids(groupId: number): number[] {
  const pids: number[] = [];
  for (const entry of safeReaddir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ");
      if (Number(fields[2]) === groupId) pids.push(Number(entry));
    } catch {
      // exited while scanning
    }
  }
  return pids;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
