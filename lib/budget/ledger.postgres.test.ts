import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { budgetCounters, budgetReservations, usageEvents } from "@/db/schema-budget";
import { createTestDatabase, pgServerReachable, PG_ADMIN_URL } from "@/test/pg-server";
import type { CycleOutcome, CycleSpec, WorkerSpec } from "@/test/budget-worker";
import { auditLedger } from "./audit";
import { checkRateLimit } from "./rate-limit";
import { reserve } from "./reserve";
import { startOfUtcDay } from "./scopes";
import { sweepExpiredReservations } from "./sweep";
import { readCounter, readReservation, SMALL_ESTIMATE, testConfig, uniqueId } from "./test-helpers";

/*
 * The ledger under real concurrency: a PostgreSQL server, and app processes
 * that share nothing but the database (each child runs test/budget-worker.ts
 * with its own connection pool, as two app replicas would).
 */

type Worker = {
  next: () => Promise<Record<string, unknown>>;
  send: (line: string) => void;
  kill: () => void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

function spawnWorker(spec: WorkerSpec, env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "test/budget-worker.ts", JSON.stringify(spec)], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const queue: Array<Record<string, unknown>> = [];
  const waiters: Array<(message: Record<string, unknown>) => void> = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    const message = JSON.parse(line) as Record<string, unknown>;
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else queue.push(message);
  });
  return {
    next: () => {
      const queued = queue.shift();
      if (queued) return Promise.resolve(queued);
      return Promise.race([
        new Promise<Record<string, unknown>>((resolve) => waiters.push(resolve)),
        exited.then(({ code, signal }) => {
          throw new Error(`budget worker exited (code ${code}, signal ${signal}) before answering`);
        }),
      ]);
    },
    send: (line) => child.stdin.write(`${line}\n`),
    kill: () => child.kill("SIGKILL"),
    exited,
  };
}

describe("budget ledger on a PostgreSQL server with two app processes", async () => {
  const reachable = await pgServerReachable();
  if (!reachable) console.warn(`\n!!! SKIPPED: no PostgreSQL server at ${PG_ADMIN_URL}; the multi-process budget tests did not run.\n`);

  let database: { url: string; drop: () => Promise<void> } | undefined;
  let handle: DbHandle | undefined;
  beforeAll(async () => {
    if (!reachable) return;
    database = await createTestDatabase("ballast_budget");
    // Migrated here, once, before any worker opens it.
    handle = await openDb({ url: database.url });
  });
  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  it.skipIf(!reachable)(
    "200 concurrent requests from one user whose day fits about 20: never over the limit, every refusal names its budget, nothing left open",
    async () => {
      if (!handle || !database) throw new Error("no database");
      const db = handle.db;
      const userId = uniqueId("user");
      const LIMIT = 20_000;
      // 1,000 tokens reserved per request (200 input + 800 output cap): 20 fit at once.
      const env = { BUDGET_GUEST_DAY_TOKENS: String(LIMIT), BUDGET_GUEST_SESSION_TOKENS: "unlimited", BUDGET_GUEST_DAY_MICROS: "unlimited" };
      const cycles: CycleSpec[] = Array.from({ length: 200 }, (_, index) => ({
        requestId: `req-${index}-${crypto.randomUUID()}`,
        chatId: `chat-${userId}-${index % 20}`,
        // Real usage is 600 to 1,000 tokens: settling frees part of each reservation.
        outputTokens: 400 + ((index * 37) % 401),
        holdMs: 5 + ((index * 13) % 40),
      }));
      const url = database.url;
      const workers = [0, 1].map((half) =>
        spawnWorker({ mode: "cycles", url, userId, estimate: SMALL_ESTIMATE, cycles: cycles.filter((_, index) => index % 2 === half) }, env),
      );
      const pids: unknown[] = [];
      for (const worker of workers) {
        const ready = await worker.next();
        expect(ready).toMatchObject({ ready: true });
        pids.push(ready.pid);
      }

      // Watch the counter while both processes hammer it: spent + reserved must never pass the limit.
      let watching = true;
      let maxCommitted = 0;
      let samples = 0;
      const watcher = (async () => {
        while (watching) {
          const [row] = await db
            .select({ committed: sql<number>`${budgetCounters.spentTokens} + ${budgetCounters.reservedTokens}`.mapWith(Number) })
            .from(budgetCounters)
            .where(and(eq(budgetCounters.scope, "user_day"), eq(budgetCounters.scopeId, userId)));
          maxCommitted = Math.max(maxCommitted, row?.committed ?? 0);
          samples += 1;
        }
      })();

      const started = performance.now();
      for (const worker of workers) worker.send("go");
      let results: Array<Record<string, unknown>>;
      try {
        results = await Promise.all(workers.map((worker) => worker.next()));
      } finally {
        watching = false;
        await watcher;
      }
      const elapsedMs = Math.round(performance.now() - started);
      expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([
        { code: 0, signal: null },
        { code: 0, signal: null },
      ]);

      const perProcess = results.map((result) => result.outcomes as CycleOutcome[]);
      const outcomes = perProcess.flat();
      const admitted = outcomes.filter((outcome) => outcome.outcome === "admitted");
      const refused = outcomes.filter((outcome) => outcome.outcome === "refused");
      const dayRows = await db.select().from(budgetCounters).where(and(eq(budgetCounters.scope, "user_day"), eq(budgetCounters.scopeId, userId)));
      const [events] = await db
        .select({ n: count(), tokens: sql<number>`coalesce(sum(${usageEvents.inputTokens} + ${usageEvents.outputTokens}), 0)`.mapWith(Number), micros: sql<number>`coalesce(sum(${usageEvents.costMicros}), 0)`.mapWith(Number) })
        .from(usageEvents)
        .where(eq(usageEvents.userId, userId));
      const [open] = await db.select({ n: count() }).from(budgetReservations).where(eq(budgetReservations.status, "open"));
      const audit = await auditLedger({ db });
      const day = dayRows[0];

      console.log(
        [
          "",
          `budget concurrency: 200 requests, 2 processes (pids ${pids.join(", ")}), one guest, day limit ${LIMIT} tokens, 1,000 reserved per request`,
          `  admitted ${admitted.length} (process A ${perProcess[0]?.filter((o) => o.outcome === "admitted").length}, process B ${perProcess[1]?.filter((o) => o.outcome === "admitted").length}), refused ${refused.length}, in ${elapsedMs} ms`,
          `  refusals by scope: ${JSON.stringify(Object.fromEntries([...new Set(refused.map((o) => (o.outcome === "refused" ? `${o.scope}/${o.unit}` : "")))].map((key) => [key, refused.filter((o) => o.outcome === "refused" && `${o.scope}/${o.unit}` === key).length])))}`,
          `  ledger user_day: spent ${day?.spentTokens} tokens / ${day?.spentMicros} micros, reserved ${day?.reservedTokens}; max spent+reserved seen while running ${maxCommitted} (${samples} samples)`,
          `  usage events: ${events?.n} events, ${events?.tokens} tokens, ${events?.micros} micros; open reservations ${open?.n}; audit mismatches ${audit.mismatches.length}`,
          `  ledger totals per scope: ${JSON.stringify(audit.perScope)}`,
          "",
        ].join("\n"),
      );

      expect(outcomes).toHaveLength(200);
      // Whoever wins, at least 20 fit (each spends at most what it reserved) and at most 20,000 / 600.
      expect(admitted.length).toBeGreaterThanOrEqual(20);
      expect(admitted.length).toBeLessThanOrEqual(Math.floor(LIMIT / 600));
      expect(refused.length).toBe(200 - admitted.length);
      const midnight = new Date(startOfUtcDay(new Date()).getTime() + 86_400_000).toISOString();
      for (const refusal of refused) expect(refusal).toMatchObject({ reason: "budget_exceeded", scope: "user_day", unit: "tokens", renewsAt: midnight });

      expect(maxCommitted).toBeLessThanOrEqual(LIMIT);
      for (const row of dayRows) expect(row.spentTokens).toBeLessThanOrEqual(LIMIT);
      expect(open?.n).toBe(0);
      for (const row of dayRows) expect(row.reservedTokens).toBe(0);
      const settledTokens = admitted.reduce((sum, outcome) => sum + (outcome.outcome === "admitted" ? outcome.settledTokens : 0), 0);
      expect(events?.n).toBe(admitted.length);
      expect(dayRows.reduce((sum, row) => sum + row.spentTokens, 0)).toBe(settledTokens);
      expect(events?.tokens).toBe(settledTokens);
      expect(audit.mismatches).toEqual([]);
    },
    120_000,
  );

  it.skipIf(!reachable)(
    "a process killed between reserve and settle: the sweep releases its hold after the TTL, and the ledger equals its usage events",
    async () => {
      if (!handle || !database) throw new Error("no database");
      const db = handle.db;
      const userId = uniqueId("user");
      const chatId = uniqueId("chat");
      const abandonedRequestId = uniqueId("req");
      const env = { BUDGET_GUEST_DAY_TOKENS: "2500" };
      const config = testConfig(env);
      const worker = spawnWorker(
        {
          mode: "reserve-then-hang",
          url: database.url,
          userId,
          chatId,
          estimate: SMALL_ESTIMATE,
          settled: { requestId: uniqueId("req"), chatId, outputTokens: 500, holdMs: 0 },
          abandonedRequestId,
          ttlMs: 60_000,
        },
        env,
      );
      expect(await worker.next()).toMatchObject({ reserved: abandonedRequestId });
      worker.kill();
      expect(await worker.exited).toEqual({ code: null, signal: "SIGKILL" });

      const now = new Date();
      const abandoned = await readReservation({ db, requestId: abandonedRequestId });
      expect(abandoned?.status).toBe("open");
      expect(await readCounter({ db, scope: "user_day", userId, at: now })).toMatchObject({ spentTokens: 700, reservedTokens: 1000 });
      // While the dead request holds its 1,000 tokens, 700 + 1,000 + 1,000 > 2,500: refused.
      expect(await reserve({ db, requestId: uniqueId("req"), userId, tier: "guest", estimate: SMALL_ESTIMATE, now, config })).toMatchObject({ ok: false, scope: "user_day" });

      // After the TTL the sweep returns the hold (clock injected: no waiting a minute).
      const afterTtl = new Date((abandoned?.expiresAt.getTime() ?? 0) + 1);
      const swept = await sweepExpiredReservations({ db, now: afterTtl });
      expect(swept.released).toBeGreaterThanOrEqual(1);
      expect((await readReservation({ db, requestId: abandonedRequestId }))?.status).toBe("expired");
      for (const scope of ["session", "user_day", "user_month"] as const) {
        expect(await readCounter({ db, scope, userId, chatId, at: now }), scope).toMatchObject({ spentTokens: 700, reservedTokens: 0 });
      }
      expect((await reserve({ db, requestId: uniqueId("req"), userId, tier: "guest", estimate: SMALL_ESTIMATE, now: afterTtl, config })).ok).toBe(true);

      const audit = await auditLedger({ db });
      const [events] = await db
        .select({ n: count(), tokens: sql<number>`coalesce(sum(${usageEvents.inputTokens} + ${usageEvents.outputTokens}), 0)`.mapWith(Number) })
        .from(usageEvents)
        .where(eq(usageEvents.userId, userId));
      const day = await readCounter({ db, scope: "user_day", userId, at: now });
      console.log(
        `\nbudget crash: worker SIGKILLed holding 1000 tokens; sweep released ${swept.released}; user_day spent ${day?.spentTokens}, reserved ${day?.reservedTokens} (the new request); this user's usage events: ${events?.n}, ${events?.tokens} tokens; audit mismatches ${audit.mismatches.length}\n`,
      );
      expect(events).toEqual({ n: 1, tokens: 700 });
      expect(audit.mismatches).toEqual([]);
    },
    60_000,
  );

  it.skipIf(!reachable)("rate limit: concurrent requests over a connection pool are counted exactly", async () => {
    if (!handle) throw new Error("no database");
    const db = handle.db;
    const userId = uniqueId("user");
    const config = testConfig({ RATE_LIMIT_USER_PER_MINUTE: "60" });
    const now = new Date("2026-03-10T12:00:30.000Z");
    const results = await Promise.all(Array.from({ length: 150 }, () => checkRateLimit({ db, userId, ip: null, now, config })));
    expect(results.filter((result) => result.ok)).toHaveLength(60);
    expect(results.find((result) => !result.ok)).toEqual({ ok: false, key: "user", limit: 60, retryAfterSeconds: 30 });
  });
});
