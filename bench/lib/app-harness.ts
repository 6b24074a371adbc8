import { spawnWithPortLine, tsxArgs, type Child } from "./processes";

export type HarnessMemory = { gcExposed: boolean; heapUsed: number; rss: number; external: number; arrayBuffers: number };
export type HarnessAudit = {
  mismatches: number;
  reservations: { open: number; settled: number; expired: number };
  events: { tokens: number; micros: number; count: number };
};

export type AppProcess = Child & {
  url: string;
  /** Heap and RSS after a full GC in the app process. */
  memory: () => Promise<HarnessMemory>;
  /** The budget ledger audit of the app process's own database (works with PGlite too). */
  audit: () => Promise<HarnessAudit>;
};

/**
 * One app process (test/app-process.ts: every API route handler over
 * node:http) with its own environment, GC exposed so its memory can be
 * compared before and after a soak.
 */
export async function startAppProcess({ name = "app", env }: { name?: string; env: Record<string, string> }): Promise<AppProcess> {
  const child = await spawnWithPortLine({
    name,
    args: tsxArgs("test/app-process.ts", ["--expose-gc"]),
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
  });
  const url = `http://127.0.0.1:${child.port}`;
  // On a connection of its own: a pooled one may have been closed by the server's keep-alive timeout meanwhile.
  const getJson = async <T>(path: string): Promise<T> => (await (await fetch(`${url}${path}`, { headers: { connection: "close" } })).json()) as T;
  return { ...child, url, memory: () => getJson<HarnessMemory>("/__harness/memory"), audit: () => getJson<HarnessAudit>("/__harness/audit") };
}
