import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The benchmarks' own build directory: `npm test` and `next start` users keep `.next`. */
export const BENCH_DIST_DIR = ".next-bench";

const SOURCES = ["app", "components", "lib", "db", "proxy.ts", "instrumentation.ts", "next.config.ts", "package-lock.json"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** `next build` rewrites these to point at the directory it built; other people's typecheck must not see that. */
const FILES_NEXT_BUILD_REWRITES = ["tsconfig.json", "next-env.d.ts"];

/**
 * A production build in .next-bench that is newer than every source file:
 * built when missing or stale (BENCH_REUSE_BUILD=1 uses a stale one, saying so).
 */
export function ensureBenchBuild({ force = false }: { force?: boolean } = {}): void {
  const marker = path.join(BENCH_DIST_DIR, "BUILD_ID");
  const builtAt = existsSync(marker) ? statSync(marker).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map(newestMtime));
  if (builtAt > 0 && !force && (builtAt >= sourcesAt || process.env.BENCH_REUSE_BUILD === "1")) {
    if (builtAt < sourcesAt) console.log(`(using the build in ${BENCH_DIST_DIR}, older than the sources: BENCH_REUSE_BUILD=1)`);
    return;
  }

  console.log(`building the production app into ${BENCH_DIST_DIR} (next build, about a minute)…`);
  const saved = FILES_NEXT_BUILD_REWRITES.map((file) => ({ file, text: existsSync(file) ? readFileSync(file, "utf8") : null }));
  try {
    const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
    const result = spawnSync(process.execPath, [nextBin, "build"], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
  } finally {
    for (const { file, text } of saved) {
      if (text === null) rmSync(file, { force: true });
      else if (file !== "tsconfig.json" || onlyBuildDirAdded(text, readFileSync(file, "utf8"))) writeFileSync(file, text);
      else console.warn(`${file} changed during the build beyond Next's ${BENCH_DIST_DIR} entries: left as it is`);
    }
  }
}

/** True when `after` is `before` plus the include entries Next adds for the build directory (it also reformats). */
function onlyBuildDirAdded(before: string, after: string): boolean {
  try {
    const strip = (text: string) => {
      const config = JSON.parse(text) as { include?: string[] };
      config.include = config.include?.filter((entry) => !entry.startsWith(`${BENCH_DIST_DIR}/`));
      return JSON.stringify(config);
    };
    return strip(before) === strip(after);
  } catch {
    return false;
  }
}
