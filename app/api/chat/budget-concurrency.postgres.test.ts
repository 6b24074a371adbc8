import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { budgetCounters, budgetReservations } from "@/db/schema";
import { auditLedger } from "@/lib/budget/audit";
import { userFromHeaders } from "@/lib/identity/current-user";
import { guestCookie, TEST_AUTH_ENV } from "@/test/auth-session";
import { resetConfigForTests } from "@/test/config";
import { createTestDatabase, pgServerReachable, PG_ADMIN_URL } from "@/test/pg-server";

const reachable = await pgServerReachable();
if (!reachable) console.warn(`\n!!! SKIPPED: no PostgreSQL server at ${PG_ADMIN_URL}; the two-process budget test did not run.\n`);

// About 20 requests' worth: each reserves its input (~330 tokens) + the reply feature's 1,024.
const DAY_LIMIT = 27_000;

describe.skipIf(!reachable)("two app processes, one Postgres, one guest, 200 concurrent chat requests", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const apps: Array<{ child: ChildProcess; port: number }> = [];

  beforeAll(async () => {
    database = await createTestDatabase("ballast_budget_http");
    const env = {
      ...TEST_AUTH_ENV,
      DATABASE_URL: database.url,
      BUDGET_GUEST_DAY_TOKENS: String(DAY_LIMIT),
      BUDGET_GUEST_DAY_MICROS: "unlimited",
      BUDGET_GUEST_SESSION_TOKENS: "unlimited",
      BUDGET_GUEST_SESSION_MICROS: "unlimited",
      RATE_LIMIT_USER_PER_MINUTE: "100000",
      RATE_LIMIT_IP_PER_MINUTE: "100000",
      OFFLINE_FIRST_CHUNK_MS: "20",
      OFFLINE_CHUNK_MS: "2",
    };
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    resetConfigForTests();
    await getDb(); // migrate once before the apps start
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "test/app-process.ts"], {
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "inherit"],
      });
      const port = await new Promise<number>((resolve, reject) => {
        const lines = createInterface({ input: child.stdout! });
        lines.once("line", (line) => resolve((JSON.parse(line) as { port: number }).port));
        child.once("exit", (code) => reject(new Error(`app process exited with ${code}`)));
      });
      apps.push({ child, port });
    }
  }, 60_000);

  afterAll(async () => {
    for (const { child } of apps) child.kill("SIGTERM");
    await closeDb();
    vi.unstubAllEnvs();
    resetConfigForTests();
    await database?.drop();
  });

  it("admits no more than the day's limit, refuses the rest with the budget's code, and leaves nothing open", { timeout: 120_000 }, async () => {
    const cookie = await guestCookie();
    const user = (await userFromHeaders(new Headers({ cookie })))!;

    // Sampled while the burst runs: what the day's counter holds (spent + reserved) must never pass the limit.
    const db = await getDb();
    let peak = 0;
    let bursting = true;
    const sampling = (async () => {
      while (bursting) {
        const [row] = await db
          .select({ held: sql<number>`${budgetCounters.spentTokens} + ${budgetCounters.reservedTokens}`.mapWith(Number) })
          .from(budgetCounters)
          .where(and(eq(budgetCounters.scope, "user_day"), eq(budgetCounters.scopeId, user.id)));
        peak = Math.max(peak, row?.held ?? 0);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();

    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const { port } = apps[i % 2]!;
        const response = await fetch(`http://127.0.0.1:${port}/api/chat`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify({
            chatId: crypto.randomUUID(),
            message: { id: `m${i}`, role: "user", parts: [{ type: "text", text: `Request ${i}: how do budgets stop runaway cost?` }] },
          }),
        });
        const body = await response.text();
        return { status: response.status, code: response.status === 200 ? null : ((JSON.parse(body) as { error: { code: string } }).error.code) };
      }),
    );

    bursting = false;
    await sampling;
    const admitted = results.filter((result) => result.status === 200).length;
    const refused = results.filter((result) => result.status === 402);
    const [day] = await db.select().from(budgetCounters).where(eq(budgetCounters.scopeId, user.id));
    const audit = await auditLedger({ db });
    // The holds admission granted, each the request's worst case. Their sum may pass the limit:
    // a request that settles mid-burst returns what it did not use, and later ones are admitted into it.
    const [granted] = await db
      .select({ tokens: sql<number>`coalesce(sum(${budgetReservations.reservedTokens}), 0)`.mapWith(Number) })
      .from(budgetReservations)
      .where(eq(budgetReservations.userId, user.id));
    console.log(
      `two app processes: ${admitted} admitted, ${refused.length} refused (${[...new Set(refused.map((r) => r.code))].join(", ")}); ` +
        `admitted holds ${granted?.tokens} tokens in all, the day's counter peaked at ${peak} of ${DAY_LIMIT}; ledger: spent ${day?.spentTokens} tokens / ${day?.spentMicros} micros, reserved ${day?.reservedTokens}; ` +
        `${audit.events.count} usage events = ${audit.events.tokens} tokens; open reservations ${audit.reservations.open}`,
    );

    expect(admitted + refused.length).toBe(200);
    expect(refused.every((result) => result.code === "budget_exceeded:day")).toBe(true);
    expect(admitted).toBeGreaterThanOrEqual(15);
    // Spent plus held never passed the limit while the burst ran, and what was spent is within it.
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(DAY_LIMIT);
    expect(day!.spentTokens).toBeLessThanOrEqual(DAY_LIMIT);
    expect(day!.reservedTokens).toBe(0);
    expect(audit.reservations.open).toBe(0);
    expect(audit.mismatches).toEqual([]);
    expect(audit.events.tokens).toBe(day!.spentTokens);
  });
});
