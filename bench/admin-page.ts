/**
 * How long /admin takes to render over a million logged calls:
 *
 *   node --conditions=react-server --import tsx bench/admin-page.ts    (npm run bench runs it too)
 *   … bench/admin-page.ts --rows 200000    a smaller log
 *   … bench/admin-page.ts --quick          20,000 rows, 3 rounds: checks the script works, not a figure
 *   … bench/admin-page.ts --build          rebuild .next-admin first
 *
 * On the local PostgreSQL server: a fresh database gets `--rows` synthetic
 * calls (lib/telemetry/seed-usage.ts, all inside the last 30 days) and their
 * rollups; the production build in .next-admin (`NEXT_DIST_DIR=.next-admin
 * next build`, built here when missing; under `npm run bench`, the build it
 * has just made in .next-bench) serves it; an admin requests each
 * view in turn, round after round, and the time to the last byte of the HTML
 * is recorded. The 30-day synthetic view aggregates every seeded row. Beside
 * it, the same dashboard's queries run in this process, so the table shows
 * how much of a render is the database. The database is dropped at the end.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDb, type DbHandle } from "@/db/client";
import { getUsageDashboard } from "@/lib/telemetry/metrics-dashboard";
import type { UsageParams } from "@/lib/telemetry/metrics-range";
import { seedUsage } from "@/lib/telemetry/seed-usage";
import { createTestDatabase, pgServerReachable, PG_ADMIN_URL } from "@/test/pg-server";
import { machineLine } from "./lib/args";
import { startNextServer } from "./lib/processes";
import { median, percentile } from "./lib/stats";
import { fmt, printTable } from "./lib/table";

/** Under `npm run bench` (BENCH_REUSE_BUILD=1) the build run-all.ts has just made; otherwise this page's own. */
const DIST_DIR = process.env.ADMIN_BENCH_DIST_DIR ?? (process.env.BENCH_REUSE_BUILD === "1" && existsSync(".next-bench/BUILD_ID") ? ".next-bench" : ".next-admin");
const ADMIN_EMAIL = "bench-admin@ballast.test";

type View = { name: string; path: string; params: UsageParams | null };

const VIEWS: View[] = [
  { name: "synthetic, 30 d (every seeded row)", path: "/admin?source=seed&range=30d", params: { source: "seed", range: "30d", sort: "tokens" } },
  { name: "synthetic, 30 d, top users by cost", path: "/admin?source=seed&range=30d&sort=cost", params: { source: "seed", range: "30d", sort: "cost" } },
  { name: "synthetic, 7 d", path: "/admin?source=seed", params: { source: "seed", range: "7d", sort: "tokens" } },
  { name: "synthetic, 24 h", path: "/admin?source=seed&range=24h", params: { source: "seed", range: "24h", sort: "tokens" } },
  { name: "heaviest user's page, 30 d", path: "/admin/users/seed-user-0001?source=seed&range=30d", params: null },
  { name: "real usage (empty), 7 d", path: "/admin", params: { source: "app", range: "7d", sort: "tokens" } },
];

/** Files `next build` rewrites for its build directory: restored, so nobody else's typecheck sees them changed. */
const REWRITTEN = ["tsconfig.json", "next-env.d.ts"];

function ensureBuild(force: boolean): void {
  const marker = path.join(DIST_DIR, "BUILD_ID");
  if (existsSync(marker) && !force) {
    console.log(`using the production build in ${DIST_DIR} from ${statSync(marker).mtime.toISOString()} (--build rebuilds it)`);
    return;
  }
  console.log(`building the production app into ${DIST_DIR} (NEXT_DIST_DIR=${DIST_DIR} next build, about a minute)…`);
  const saved = REWRITTEN.map((file) => ({ file, text: existsSync(file) ? readFileSync(file, "utf8") : null }));
  try {
    const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
    const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" } });
    if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
  } finally {
    for (const { file, text } of saved) {
      if (text === null) rmSync(file, { force: true });
      else writeFileSync(file, text);
    }
  }
}

async function signUpAdmin(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: "bench-admin-password", name: "Bench Admin" }),
  });
  if (!response.ok) throw new Error(`admin sign-up failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .join("; ");
}

/** Milliseconds from sending the request to the last byte of the HTML (a server-rendered page is done when its body is). */
async function timePage(url: string, cookie: string): Promise<{ ms: number; html: string }> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const html = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return { ms, html };
}

async function count(handle: DbHandle, table: string): Promise<number> {
  const result = (await handle.db.execute(sql.raw(`select count(*)::bigint as n from ${table}`))) as unknown as Array<{ n: string }>;
  return Number(result[0]?.n ?? 0);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { rows: { type: "string" }, rounds: { type: "string" }, quick: { type: "boolean", default: false }, build: { type: "boolean", default: false }, keep: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  const quick = values.quick || process.env.BENCH_QUICK === "1";
  const rows = Number(values.rows ?? (quick ? 20_000 : 1_000_000));
  const rounds = Number(values.rounds ?? (quick ? 3 : 15));
  if (!(await pgServerReachable())) {
    console.log(`!!! SKIPPED: no PostgreSQL server at ${PG_ADMIN_URL}; this benchmark measures the page on a real server.`);
    return;
  }
  ensureBuild(values.build);

  const database = await createTestDatabase("ballast_bench_admin");
  const handle = await openDb({ url: database.url });
  let server: Awaited<ReturnType<typeof startNextServer>> | undefined;
  try {
    // 29 days of history ending now: every row falls inside the page's 30-day range (30 UTC days up to today).
    const seeded = await seedUsage(handle.db, { rows, days: 29, users: Math.min(5000, Math.max(10, Math.round(rows / 500))) });
    console.log(`seeded ${seeded.rows.toLocaleString("en")} call-log rows (${seeded.requests.toLocaleString("en")} requests, ${seeded.users.toLocaleString("en")} users) in ${fmt(seeded.ms / 1000)} s, rollups included`);
    const sizes = { call_log: await count(handle, "call_log"), call_hourly: await count(handle, "call_hourly"), call_user_hourly: await count(handle, "call_user_hourly"), call_latency_hourly: await count(handle, "call_latency_hourly") };
    console.log(`rows: ${Object.entries(sizes).map(([table, n]) => `${table} ${n.toLocaleString("en")}`).join(", ")}`);

    server = await startNextServer({
      distDir: DIST_DIR,
      name: "admin-page",
      env: { DATABASE_URL: database.url, ADMIN_EMAILS: ADMIN_EMAIL, BETTER_AUTH_SECRET: "bench-secret-bench-secret-bench-secret-01", LOG_LEVEL: "warn" },
    });
    const cookie = await signUpAdmin(server.url);

    // The page must really be aggregating the seeded rows: its API twin reports them all.
    const api = (await (await fetch(`${server.url}/api/admin/usage?source=seed&range=30d`, { headers: { cookie } })).json()) as { totals: { calls: number } };
    if (api.totals.calls !== seeded.rows) throw new Error(`the 30-day synthetic view counts ${api.totals.calls} calls, not the ${seeded.rows} seeded`);
    console.log(`GET /api/admin/usage?source=seed&range=30d counts ${api.totals.calls.toLocaleString("en")} calls: every seeded row`);

    const first = new Map<string, number>();
    for (const view of VIEWS) {
      const { ms, html } = await timePage(`${server.url}${view.path}`, cookie);
      if (!html.includes("data-testid=\"usage-")) throw new Error(`${view.path} did not render the usage page`);
      first.set(view.name, ms);
      await timePage(`${server.url}${view.path}`, cookie); // warm-up
    }
    const page = new Map<string, number[]>(VIEWS.map((view) => [view.name, []]));
    const data = new Map<string, number[]>(VIEWS.map((view) => [view.name, []]));
    for (let round = 0; round < rounds; round++) {
      // Alternate the order, so a slow moment on a shared machine lands on every view alike.
      const order = round % 2 === 0 ? VIEWS : [...VIEWS].reverse();
      for (const view of order) {
        page.get(view.name)!.push((await timePage(`${server.url}${view.path}`, cookie)).ms);
        if (view.params) {
          const started = performance.now();
          await getUsageDashboard({ db: handle.db, params: view.params });
          data.get(view.name)!.push(performance.now() - started);
        }
      }
    }

    printTable(
      `GET /admin over ${seeded.rows.toLocaleString("en")} seeded calls (time to last byte of the HTML, ms; ${rounds} rounds after one warm-up)`,
      ["view", "median", "p90", "min", "max", "first request", "queries alone (median)"],
      VIEWS.map((view) => {
        const times = page.get(view.name)!;
        const queries = data.get(view.name)!;
        return [view.name, fmt(median(times)), fmt(percentile(times, 90)), fmt(Math.min(...times)), fmt(Math.max(...times)), fmt(first.get(view.name)!), queries.length ? fmt(median(queries)) : "—"];
      }),
    );
    console.log(`"queries alone": getUsageDashboard in this process against the same database (the rollup reads and budgets, no rendering).`);
    console.log(`machine: ${machineLine()}`);
  } finally {
    await server?.stop();
    await handle.close();
    if (values.keep) console.log(`kept the database: ${database.url}`);
    else await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
