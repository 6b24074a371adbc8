import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

/** A child process this benchmark started: stop() ends it (and only it, by its process group). */
export type Child = { child: ChildProcess; pid: number; logFile: string; log: (line: string) => void; stop: () => Promise<void> };

const logDir = mkdtempSync(path.join(os.tmpdir(), "ballast-bench-"));

/** A free loopback port (the OS picks; the tiny race before the child binds it is acceptable here). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Spawns a child in its own process group, its output going to a log file
 * (printed on failure), so stopping it also ends anything it forked and
 * nothing else on the machine.
 */
export function spawnChild({ name, args, env, stdout = "log" }: { name: string; args: string[]; env: NodeJS.ProcessEnv; stdout?: "log" | "pipe" }): Child {
  const logFile = path.join(logDir, `${name}-${Date.now()}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(args[0]!, args.slice(1), { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  if (stdout === "log") child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} did not start`);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    pid,
    logFile,
    log: (line) => log.write(`${line}\n`),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        return; // already gone
      }
      const killer = setTimeout(() => {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // gone in the meantime
        }
      }, 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** For children that print `{"port": N}` as their first stdout line (test/app-process.ts, the mock upstream). */
export async function spawnWithPortLine({ name, args, env }: { name: string; args: string[]; env: NodeJS.ProcessEnv }): Promise<Child & { port: number }> {
  const started = spawnChild({ name, args, env, stdout: "pipe" });
  const lines = createInterface({ input: started.child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    lines.once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
    started.child.once("exit", (code) => reject(new Error(`${name} exited with ${code} before listening; log: ${started.logFile}`)));
  });
  // Keep draining stdout (into the log) so the child never blocks on a full pipe.
  lines.on("line", started.log);
  return { ...started, port };
}

/** node with the flags the app's scripts use: `react-server` makes `server-only` a no-op, tsx resolves `@/`. */
export function tsxArgs(script: string, extra: string[] = []): string[] {
  return [process.execPath, ...extra, "--conditions=react-server", "--import", "tsx", script];
}

/** Polls a URL until it answers at all (any status), or throws after the timeout. */
export async function waitForHttp(url: string, { timeoutMs = 60_000, child }: { timeoutMs?: number; child?: Child } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.child.exitCode !== null) throw new Error(`server exited with ${child.child.exitCode}; log: ${child.logFile}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms${child ? `; log: ${child.logFile}` : ""}`);
}

/** `next start` on a build directory (NEXT_DIST_DIR), loopback only. */
export async function startNextServer({ distDir, env, name = "next" }: { distDir: string; env: Record<string, string>; name?: string }): Promise<Child & { port: number; url: string }> {
  const port = await freePort();
  const nextBin = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const server = spawnChild({
    name,
    args: [process.execPath, nextBin, "start", "-p", String(port), "-H", "127.0.0.1"],
    env: { ...process.env, ...env, NEXT_DIST_DIR: distDir, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/api/chats`, { child: server });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { ...server, port, url };
}

/**
 * Waits until a server answers a cheap request quickly twice in a row: after
 * an overloaded round it may still be working through requests whose clients
 * gave up, which must not be charged to the next round.
 */
export async function waitUntilIdle(url: string, { quickMs = 50, timeoutMs = 120_000 }: { quickMs?: number; timeoutMs?: number } = {}): Promise<number> {
  const started = performance.now();
  let quick = 0;
  while (quick < 2 && performance.now() - started < timeoutMs) {
    const sent = performance.now();
    try {
      await (await fetch(url, { signal: AbortSignal.timeout(10_000) })).arrayBuffer();
    } catch {
      // still swamped
    }
    quick = performance.now() - sent < quickMs ? quick + 1 : 0;
    if (quick < 2) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return performance.now() - started;
}
