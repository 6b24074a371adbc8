/**
 * Pipeline overhead: POST /api/chat through everything Ballast does (session,
 * rate limit, context fitting, budget reserve and settle, persistence,
 * structured parsing, call log) against /api/bench/bare, a plain AI SDK route
 * streaming the same upstream reply. Both run in one `next start` of the
 * production build and call the same local OpenAI-compatible server with a
 * fixed upstream delay; the sides alternate round by round. Printed: time to
 * first token and total latency under open-loop load at fixed offered rates,
 * and saturated throughput with 32 connections, on PGlite and on Postgres.
 *
 *   npm run bench:pipeline [-- --quick] [--only=pglite|postgres] [--rates=5,20,100,300] [--profile]
 */
import http from "node:http";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { createTestDatabase, pgServerReachable, PG_ADMIN_URL } from "@/test/pg-server";
import { alternate } from "./lib/alternate";
import { benchArgs, machineLine } from "./lib/args";
import { BENCH_AUTH_ENV, UNREACHED_LIMITS_ENV } from "./lib/bench-env";
import { BENCH_DIST_DIR, ensureBenchBuild } from "./lib/bench-build";
import { createGuests } from "./lib/guests";
import { openLoop, type OpenLoopSample } from "./lib/open-loop";
import { cpuSince, cpuSnapshot, processGroupPids, type CpuGroups } from "./lib/cpu-usage";
import { connectProfiler } from "./lib/inspector-profile";
import { freePort, spawnWithPortLine, startNextServer, tsxArgs, waitUntilIdle, type Child } from "./lib/processes";
import { summarizeProfiles } from "./lib/profile-summary";
import { median, percentiles, type Percentiles } from "./lib/stats";
import { postStream } from "./lib/stream-request";
import { delta, fmt, printTable, ratio } from "./lib/table";

type Side = "bare" | "full";
const SIDES: readonly Side[] = ["bare", "full"];
const PATHS: Record<Side, string> = { bare: "/api/bench/bare", full: "/api/chat" };
/** The first event carrying model output: a text delta for the bare route, the first partial reply card for /api/chat. */
const IS_CONTENT: Record<Side, (event: string) => boolean> = {
  bare: (event) => event.includes('"type":"text-delta"'),
  full: (event) => event.includes('"type":"data-reply"'),
};

/** Upstream timing: 50 ms to the first chunk, then 24-character chunks 2 ms apart (about 70 ms a reply). */
const UPSTREAM = { MOCK_FIRST_CHUNK_MS: "50", MOCK_CHUNK_MS: "2", MOCK_CHUNK_SIZE: "24" };
const GUESTS = 64;
const SATURATION_CONNECTIONS = 32;

const args = benchArgs();
const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
const profile = process.argv.includes("--profile");
/** `--rates=20,100` picks the offered rates (`--rates=` skips the open-loop part). */
const ratesArg = process.argv.find((arg) => arg.startsWith("--rates="))?.slice("--rates=".length);
// 5 rps: the pipeline's own cost with no queue in front of it (on 2 cores /api/chat saturates near 20–25 rps).
const RATES = ratesArg === undefined ? [5, 20, 100, 300] : ratesArg.split(",").filter(Boolean).map(Number);
/** Seconds of offered load per round and side; enough requests for a p99 when pooled over the rounds. */
const roundSeconds = (rate: number) => (args.quick ? 2 : rate <= 5 ? 20 : rate <= 20 ? 10 : rate <= 100 ? 5 : 3);
const ROUNDS = args.quick ? 1 : 3;
const SATURATION_SECONDS = args.quick ? 2 : 5;

function chatBody(index: number): string {
  return JSON.stringify({
    chatId: crypto.randomUUID(),
    message: { id: `m${index}`, role: "user", parts: [{ type: "text", text: `Question ${index % 1000}: how do retries and fallbacks keep an LLM feature up?` }] },
  });
}

type RateResult = { side: Side; samples: OpenLoopSample[]; elapsedMs: number; sendLagP99Ms: number };

async function runDatabase(kind: "pglite" | "postgres", upstream: Child & { port: number }): Promise<void> {
  const upstreamUrl = `http://127.0.0.1:${upstream.port}/v1`;
  let databaseEnv: Record<string, string>;
  let cleanup: () => Promise<void>;
  /** The Postgres server processes serving this benchmark's database (their CPU is part of a request's cost). */
  let backendPids: () => Promise<number[]> = async () => [];
  if (kind === "postgres") {
    const database = await createTestDatabase("ballast_bench");
    const name = new URL(database.url).pathname.slice(1);
    const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
    backendPids = async () => (await admin<Array<{ pid: number }>>`select pid from pg_stat_activity where datname = ${name}`).map((row) => row.pid);
    databaseEnv = { DATABASE_URL: database.url };
    cleanup = async () => {
      await admin.end();
      await database.drop();
    };
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ballast-bench-pglite-"));
    databaseEnv = { PGLITE_DIR: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const profileDir = profile ? mkdtempSync(path.join(os.tmpdir(), `ballast-profile-${kind}-`)) : null;
  const inspectPort = profile ? await freePort() : null;

  let server: (Child & { url: string }) | undefined;
  try {
    server = await startNextServer({
      distDir: BENCH_DIST_DIR,
      name: `next-${kind}`,
      env: {
        ...UNREACHED_LIMITS_ENV,
        ...BENCH_AUTH_ENV,
        ...databaseEnv,
        BALLAST_BENCH_ROUTES: "1",
        OPENAI_BASE_URL: upstreamUrl,
        OPENAI_API_KEY: "bench",
        LLM_MODEL: "mock-ok",
        LLM_FALLBACK_MODELS: "",
        ...(inspectPort ? { NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}` } : {}),
      },
    });
    const baseUrl = server.url;
    const serverGroup = server.pid;
    const cpuGroups: CpuGroups = {
      app: () => processGroupPids(serverGroup),
      postgres: backendPids,
      upstream: () => processGroupPids(upstream.pid),
      generator: () => [process.pid],
    };
    const cookies = await createGuests(baseUrl, GUESTS);
    // A cheap answer (401 without a session) that is slow only while the server is still busy.
    const idleUrl = `${baseUrl}/api/chats`;
    let agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    // A fresh pool per round: a socket left idle past the server's keep-alive timeout (5 s) would be reset when reused.
    const freshConnections = () => {
      agent.destroy();
      agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    };
    let sent = 0;
    const send = (side: Side) => {
      const index = sent++;
      return postStream({ agent, url: new URL(PATHS[side], baseUrl), headers: { cookie: cookies[index % cookies.length]! }, body: chatBody(index), isContent: IS_CONTENT[side] });
    };

    // Warm-up: JIT, route chunks, database caches and connection pools on both sides.
    for (const side of SIDES) await openLoop({ ratePerSecond: 50, count: args.quick ? 50 : 250, send: () => send(side) });

    // Saturated throughput first, while the server has no backlog from an overloaded open-loop round.
    // With --profile, the server's CPU is sampled during the saturated rounds only: where a request's time goes.
    const profiler = inspectPort ? await connectProfiler(inspectPort) : null;
    const saturation = await alternate<Side, SaturationRound>({
      sides: SIDES,
      rounds: ROUNDS,
      run: async (side, round) => {
        await waitUntilIdle(idleUrl);
        await profiler?.start();
        const before = await cpuSnapshot(cpuGroups);
        const result = await saturate(baseUrl, side, cookies);
        const cpu = await cpuSince(cpuGroups, before);
        if (profiler && profileDir) {
          mkdirSync(path.join(profileDir, side), { recursive: true });
          await profiler.stop(path.join(profileDir, side, `round-${round}.cpuprofile`));
        }
        const perRequest = (ms: number | undefined) => (result.completed > 0 ? (ms ?? 0) / result.completed : Number.NaN);
        return { ...result, cpuPerRequest: { app: perRequest(cpu.app), postgres: perRequest(cpu.postgres), upstream: perRequest(cpu.upstream), generator: perRequest(cpu.generator) } };
      },
    });
    profiler?.close();
    const bareRps = median(saturation.bare.map((round) => round.rps));
    const fullRps = median(saturation.full.map((round) => round.rps));
    const cpuCell = (side: Side, group: keyof SaturationRound["cpuPerRequest"]) => fmt(median(saturation[side].map((round) => round.cpuPerRequest[group])), 2);
    printTable(
      `Saturated throughput on ${kind}, ${SATURATION_CONNECTIONS} connections, ${SATURATION_SECONDS} s rounds (median of ${ROUNDS}); CPU ms per completed request by process`,
      ["side", "completed req/s", "failed", "full ÷ bare", "app CPU", "Postgres CPU", "upstream CPU", "load gen CPU"],
      SIDES.map((side) => [
        side,
        fmt(side === "bare" ? bareRps : fullRps, 0),
        saturation[side].reduce((total, round) => total + round.failed, 0),
        side === "full" ? ratio(fullRps, bareRps) : "",
        cpuCell(side, "app"),
        kind === "postgres" ? cpuCell(side, "postgres") : "(in app)",
        cpuCell(side, "upstream"),
        cpuCell(side, "generator"),
      ]),
    );

    const rateRows: Array<Array<string | number>> = [];
    const addedRows: Array<Array<string | number>> = [];
    for (const rate of RATES) {
      const count = Math.max(40, Math.round(rate * roundSeconds(rate)));
      const rounds = await alternate<Side, RateResult>({
        sides: SIDES,
        rounds: ROUNDS,
        run: async (side) => {
          await waitUntilIdle(idleUrl);
          freshConnections();
          return { side, ...(await openLoop({ ratePerSecond: rate, count, send: () => send(side) })) };
        },
      });
      const stats = {} as Record<Side, { ttft: Percentiles; total: Percentiles; errors: number; achieved: number; lag: number }>;
      for (const side of SIDES) {
        const samples = rounds[side].flatMap((round) => round.samples);
        const good = samples.filter((sample) => sample.error === null);
        stats[side] = {
          ttft: percentiles(good.flatMap((sample) => (sample.ttftMs === null ? [] : [sample.ttftMs]))),
          total: percentiles(good.map((sample) => sample.totalMs)),
          errors: samples.length - good.length,
          // Answers per second over each round's wall time, the median round.
          achieved: median(rounds[side].map((round) => (round.samples.length / round.elapsedMs) * 1000)),
          lag: Math.max(...rounds[side].map((round) => round.sendLagP99Ms)),
        };
        const firstError = samples.find((sample) => sample.error !== null)?.error;
        if (firstError) console.warn(`  ${kind} ${side} @${rate} rps: ${stats[side].errors} failed, e.g. ${firstError}`);
        const { ttft, total } = stats[side];
        rateRows.push([
          `${rate} rps · ${side}`,
          fmt(stats[side].achieved, 0),
          `${fmt(ttft.p50)} / ${fmt(ttft.p95)} / ${fmt(ttft.p99)}`,
          `${fmt(total.p50)} / ${fmt(total.p95)} / ${fmt(total.p99)}`,
          ttft.n,
          stats[side].errors,
          fmt(stats[side].lag),
        ]);
      }
      const { bare, full } = stats;
      addedRows.push([
        `${rate} rps`,
        `${delta(full.ttft.p50 - bare.ttft.p50)} / ${delta(full.ttft.p95 - bare.ttft.p95)} / ${delta(full.ttft.p99 - bare.ttft.p99)}`,
        `${delta(full.total.p50 - bare.total.p50)} / ${delta(full.total.p95 - bare.total.p95)} / ${delta(full.total.p99 - bare.total.p99)}`,
      ]);
    }
    agent.destroy();

    if (RATES.length > 0) printTable(
      `Pipeline latency on ${kind}, open loop (ms from when each request was due; ${ROUNDS} alternating rounds per side)`,
      ["offered · side", "answered/s", "TTFT p50 / p95 / p99", "total p50 / p95 / p99", "n", "failed", "gen lag p99"],
      rateRows,
    );
    if (RATES.length > 0) printTable(`Added by the pipeline on ${kind} (full − bare, ms)`, ["offered", "TTFT p50 / p95 / p99", "total p50 / p95 / p99"], addedRows);

  } finally {
    await server?.stop();
    await cleanup();
  }
  if (profileDir) {
    for (const side of SIDES) summarizeProfiles(path.join(profileDir, side), `next server on ${kind}, ${side} side, saturated`);
  }
}

type SaturationRound = { rps: number; completed: number; failed: number; cpuPerRequest: { app: number; postgres: number; upstream: number; generator: number } };

/** Closed loop: 32 connections, each sending the next request as soon as its answer has streamed to the end. */
async function saturate(baseUrl: string, side: Side, cookies: readonly string[]): Promise<{ rps: number; completed: number; failed: number }> {
  let index = 0;
  let streamErrors = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: SATURATION_CONNECTIONS,
    duration: SATURATION_SECONDS,
    requests: [
      {
        method: "POST",
        path: PATHS[side],
        setupRequest: (request) => {
          const i = index++;
          return { ...request, body: chatBody(i), headers: { "content-type": "application/json", cookie: cookies[i % cookies.length]! } };
        },
        onResponse: (_status, body) => {
          if (body.includes('"type":"error"')) streamErrors++;
        },
      },
    ],
  });
  const failed = result.non2xx + result.errors + result.timeouts + streamErrors;
  const completed = result["2xx"] - streamErrors;
  return { rps: completed / result.duration, completed, failed };
}

async function main(): Promise<void> {
  ensureBenchBuild();
  const upstream = await spawnWithPortLine({ name: "mock-upstream", args: tsxArgs("bench/lib/mock-upstream-process.ts"), env: { ...process.env, ...UPSTREAM } });
  try {
    console.log(`upstream: ${UPSTREAM.MOCK_FIRST_CHUNK_MS} ms to the first chunk, ${UPSTREAM.MOCK_CHUNK_SIZE}-character chunks every ${UPSTREAM.MOCK_CHUNK_MS} ms`);
    if (only !== "postgres") await runDatabase("pglite", upstream);
    if (only !== "pglite") {
      if (await pgServerReachable()) await runDatabase("postgres", upstream);
      else console.warn(`\n!!! SKIPPED the Postgres run: no server at ${PG_ADMIN_URL}\n`);
    }
  } finally {
    await upstream.stop();
  }
  console.log(`machine: ${machineLine()}; load generator, upstream and app on the same cores`);
}

await main();
