import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { budgetCounters, budgetReservations, usageEvents } from "@/db/schema-budget";
import { auditLedger } from "./audit";
import { clearUserOverride, getUserOverride, setUserOverride } from "./overrides";
import { getBudgetStatus } from "./remaining";
import { reserve } from "./reserve";
import { settle } from "./settle";
import { sweepExpiredReservations } from "./sweep";
import { readCounter, readReservation, SMALL_ESTIMATE, testConfig, uniqueId } from "./test-helpers";

/*
 * The ledger's logic on PGlite (real Postgres in WASM, same SQL and migrations).
 * Every test ends with the invariant the issue asks for: each counter equals
 * the sum of the usage events charged to it, and reserved equals its open
 * reservations (auditLedger recomputes both from scratch).
 */

let handle: DbHandle;
beforeAll(async () => {
  handle = await openDb({ dataDir: "memory://" });
});
afterAll(async () => {
  await handle?.close();
});

async function expectLedgerSound(): Promise<void> {
  const audit = await auditLedger({ db: handle.db });
  expect(audit.mismatches).toEqual([]);
}

const NOON = new Date("2026-03-10T12:00:00.000Z");

describe("reserve", () => {
  it("reserves the estimate in all four scopes and records the periods it reserved in", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const chatId = uniqueId("chat");
    const requestId = uniqueId("req");
    const result = await reserve({ db, requestId, userId, tier: "guest", chatId, estimate: SMALL_ESTIMATE, now: NOON, config: testConfig() });

    expect(result).toMatchObject({ ok: true, replayed: false });
    if (!result.ok) return;
    expect(result.reservation).toMatchObject({
      status: "open",
      reservedTokens: 1000,
      reservedMicros: 510, // 200 × 0.15 + 800 × 0.60 micro-dollars (nominal price of mock ids)
      dayStart: new Date("2026-03-10T00:00:00.000Z"),
      monthStart: new Date("2026-03-01T00:00:00.000Z"),
    });
    for (const scope of ["session", "user_day", "user_month"] as const) {
      const row = await readCounter({ db, scope, userId, chatId, at: NOON });
      expect(row, scope).toMatchObject({ reservedTokens: 1000, reservedMicros: 510, spentTokens: 0 });
    }
    expect((await readCounter({ db, scope: "user_day", userId, at: NOON }))?.limitTokens).toBe(20_000);
    await expectLedgerSound();
  });

  it("is idempotent: the same request id reserves once, and a settled one cannot be reopened", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const requestId = uniqueId("req");
    const args = { db, requestId, userId, tier: "guest", estimate: SMALL_ESTIMATE, now: NOON, config: testConfig() } as const;

    const first = await reserve(args);
    const second = await reserve(args);
    expect(first).toMatchObject({ ok: true, replayed: false });
    expect(second).toMatchObject({ ok: true, replayed: true });
    expect((await readCounter({ db, scope: "user_day", userId, at: NOON }))?.reservedTokens).toBe(1000);

    await settle({ db, requestId, usage: [], now: NOON, config: testConfig() });
    expect(await reserve(args)).toMatchObject({ ok: false, reason: "request_closed" });
    expect((await readCounter({ db, scope: "user_day", userId, at: NOON }))?.reservedTokens).toBe(0);
    await expectLedgerSound();
  });

  it("is all or none: a refusal in the last scope leaves nothing reserved in the scopes before it", async () => {
    const db = handle.db;
    // Its own day, so the global counter starts empty; the global cap fits one request.
    const at = new Date("2026-04-02T09:00:00.000Z");
    const config = testConfig({ BUDGET_GLOBAL_DAY_TOKENS: "1500" });
    const first = await reserve({ db, requestId: uniqueId("req"), userId: uniqueId("user"), tier: "guest", chatId: uniqueId("chat"), estimate: SMALL_ESTIMATE, now: at, config });
    expect(first.ok).toBe(true);

    const userId = uniqueId("user");
    const chatId = uniqueId("chat");
    const requestId = uniqueId("req");
    const refused = await reserve({ db, requestId, userId, tier: "guest", chatId, estimate: SMALL_ESTIMATE, now: at, config });

    expect(refused).toEqual({
      ok: false,
      reason: "budget_exceeded",
      scope: "global_day",
      unit: "tokens",
      limit: 1500,
      used: 1000,
      requested: 1000,
      renewsAt: new Date("2026-04-03T00:00:00.000Z"),
    });
    // session, user_day and user_month were updated before global_day refused: all rolled back.
    for (const scope of ["session", "user_day", "user_month"] as const) {
      const row = await readCounter({ db, scope, userId, chatId, at });
      expect(row?.reservedTokens ?? 0, scope).toBe(0);
    }
    expect(await readReservation({ db, requestId })).toBeNull();
    expect((await readCounter({ db, scope: "global_day", at }))?.reservedTokens).toBe(1000);
    await expectLedgerSound();
  });

  it("refuses in the first scope that cannot take the estimate, says which, and when it renews", async () => {
    const db = handle.db;
    const config = testConfig({ BUDGET_GUEST_SESSION_TOKENS: "2500" });
    const userId = uniqueId("user");
    const chatId = uniqueId("chat");
    const results = [];
    for (let index = 0; index < 3; index += 1) {
      results.push(await reserve({ db, requestId: uniqueId("req"), userId, tier: "guest", chatId, estimate: SMALL_ESTIMATE, now: NOON, config }));
    }
    expect(results.map((result) => result.ok)).toEqual([true, true, false]);
    // A chat's budget is for its lifetime: it never renews.
    expect(results[2]).toMatchObject({ scope: "session", unit: "tokens", limit: 2500, used: 2000, renewsAt: null });

    // The user's day refuses with the next UTC midnight; the month with the 1st of the next month.
    const dayUser = uniqueId("user");
    const day = await reserve({ db, requestId: uniqueId("req"), userId: dayUser, tier: "guest", estimate: { ...SMALL_ESTIMATE, inputTokens: 20_000 }, now: NOON, config });
    expect(day).toMatchObject({ ok: false, scope: "user_day", renewsAt: new Date("2026-03-11T00:00:00.000Z") });
    const month = await reserve({
      db,
      requestId: uniqueId("req"),
      userId: uniqueId("user"),
      tier: "guest",
      estimate: SMALL_ESTIMATE,
      now: new Date("2026-12-31T23:00:00.000Z"),
      config: testConfig({ BUDGET_GUEST_MONTH_TOKENS: "999" }),
    });
    expect(month).toMatchObject({ ok: false, scope: "user_month", renewsAt: new Date("2027-01-01T00:00:00.000Z") });
    await expectLedgerSound();
  });

  it("refuses on cost as well as tokens, and prices the estimate at the chain's dearest model", async () => {
    const db = handle.db;
    const estimate = { inputTokens: 1000, maxOutputTokens: 1000, modelIds: ["gpt-4o-mini", "gpt-4o"] };
    const config = testConfig({ BUDGET_GUEST_DAY_MICROS: "20000" });
    const userId = uniqueId("user");
    const first = await reserve({ db, requestId: uniqueId("req"), userId, tier: "guest", estimate, now: NOON, config });
    // gpt-4o: 1000 × 2.50 + 1000 × 10.00 = 12,500 micros (gpt-4o-mini would be 750).
    expect(first).toMatchObject({ ok: true, reservation: { pricedModelId: "gpt-4o", reservedMicros: 12_500 } });
    const second = await reserve({ db, requestId: uniqueId("req"), userId, tier: "guest", estimate, now: NOON, config });
    expect(second).toMatchObject({ ok: false, scope: "user_day", unit: "micros", limit: 20_000, used: 12_500, requested: 12_500 });
    await expectLedgerSound();
  });

  it("refuses an unpriced real model instead of counting it free, and reserves nothing", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const requestId = uniqueId("req");
    const attempt = reserve({ db, requestId, userId, tier: "guest", estimate: { ...SMALL_ESTIMATE, modelIds: ["gpt-4o-mini", "gpt-imaginary"] }, now: NOON, config: testConfig() });
    await expect(attempt).rejects.toMatchObject({ name: "UnpricedModelError", code: "unpriced_model", modelId: "gpt-imaginary" });
    expect(await readReservation({ db, requestId })).toBeNull();
    expect(await readCounter({ db, scope: "user_day", userId, at: NOON })).toBeNull();
  });

  it("applies the limit in force now: an upgraded tier gets its new limit on today's counter", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const big = { ...SMALL_ESTIMATE, inputTokens: 15_000 };
    const config = testConfig();
    expect((await reserve({ db, requestId: uniqueId("req"), userId, tier: "guest", estimate: big, now: NOON, config })).ok).toBe(true);
    expect(await reserve({ db, requestId: uniqueId("req"), userId, tier: "guest", estimate: big, now: NOON, config })).toMatchObject({ ok: false, scope: "user_day", limit: 20_000 });
    // Signed up: same user id, tier "user" (200k a day).
    expect((await reserve({ db, requestId: uniqueId("req"), userId, tier: "user", estimate: big, now: NOON, config })).ok).toBe(true);
    expect((await readCounter({ db, scope: "user_day", userId, at: NOON }))?.limitTokens).toBe(200_000);
    await expectLedgerSound();
  });
});

describe("settle", () => {
  it("moves reserved to spent once; a second settle is a no-op that reports already_settled", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const chatId = uniqueId("chat");
    const requestId = uniqueId("req");
    const config = testConfig();
    await reserve({ db, requestId, userId, tier: "guest", chatId, estimate: SMALL_ESTIMATE, now: NOON, config });
    const usage = [{ attempt: 1, modelId: "mock-ok", inputTokens: 180, outputTokens: 420 }];

    const first = await settle({ db, requestId, usage, now: NOON, config });
    // 180 × 0.15 + 420 × 0.60 = 279 micros.
    expect(first).toEqual({ status: "settled", tokens: 600, micros: 279, late: false });
    const before = await readCounter({ db, scope: "user_day", userId, at: NOON });

    const second = await settle({ db, requestId, usage, now: NOON, config });
    expect(second).toEqual({ status: "already_settled", tokens: 600, micros: 279 });
    const after = await readCounter({ db, scope: "user_day", userId, at: NOON });
    expect(after).toEqual(before);
    expect(after).toMatchObject({ spentTokens: 600, spentMicros: 279, reservedTokens: 0, reservedMicros: 0 });
    const [events] = await db.select({ n: count() }).from(usageEvents).where(eq(usageEvents.requestId, requestId));
    expect(events?.n).toBe(1);
    await expectLedgerSound();
  });

  it("two settles racing for one request count it once", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const requestId = uniqueId("req");
    const config = testConfig();
    await reserve({ db, requestId, userId, tier: "guest", estimate: SMALL_ESTIMATE, now: NOON, config });
    const usage = [{ attempt: 1, modelId: "mock-ok", inputTokens: 200, outputTokens: 100 }];
    const results = await Promise.all([settle({ db, requestId, usage, now: NOON, config }), settle({ db, requestId, usage, now: NOON, config })]);
    expect(results.map((result) => result.status).sort()).toEqual(["already_settled", "settled"]);
    expect((await readCounter({ db, scope: "user_day", userId, at: NOON }))?.spentTokens).toBe(300);
    await expectLedgerSound();
  });

  it("an aborted stream settles the partial usage it had, exactly once", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const chatId = uniqueId("chat");
    const requestId = uniqueId("req");
    const config = testConfig();
    await reserve({ db, requestId, userId, tier: "guest", chatId, estimate: SMALL_ESTIMATE, now: NOON, config });

    // The client pressed stop after 37 output tokens; the provider never sent its usage chunk,
    // so the caller counted what it streamed. Then the stream's own finish handler settles too.
    const partial = [{ attempt: 1, modelId: "mock-ok", inputTokens: 200, outputTokens: 37, estimated: true }];
    const onAbort = await settle({ db, requestId, usage: partial, now: NOON, config });
    const onFinish = await settle({ db, requestId, usage: [{ attempt: 1, modelId: "mock-ok", inputTokens: 200, outputTokens: 800 }], now: NOON, config });

    expect(onAbort).toMatchObject({ status: "settled", tokens: 237 });
    expect(onFinish.status).toBe("already_settled");
    for (const scope of ["session", "user_day", "user_month"] as const) {
      expect(await readCounter({ db, scope, userId, chatId, at: NOON }), scope).toMatchObject({ spentTokens: 237, reservedTokens: 0 });
    }
    const events = await db.select().from(usageEvents).where(eq(usageEvents.requestId, requestId));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outputTokens: 37, estimated: true });
    await expectLedgerSound();
  });

  it("a failed request with retries and a fallback records one usage event per attempt", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const requestId = uniqueId("req");
    const config = testConfig();
    await reserve({ db, requestId, userId, tier: "user", estimate: { inputTokens: 500, maxOutputTokens: 1000, modelIds: ["gpt-4o-mini", "gpt-4.1-mini"] }, now: NOON, config });
    const usage = [
      { attempt: 1, modelId: "gpt-4o-mini", inputTokens: 500, outputTokens: 300 }, // invalid output
      { attempt: 2, modelId: "gpt-4o-mini", inputTokens: 850, outputTokens: 0 }, // retry with feedback: 500
      { attempt: 3, modelId: "gpt-4.1-mini", inputTokens: 500, outputTokens: 12 }, // fallback, stream cut
    ];
    const result = await settle({ db, requestId, usage, now: NOON, config });
    // 75+180 + 127.5→128 + 200+19.2→220 (each attempt rounded up)
    expect(result).toEqual({ status: "settled", tokens: 2162, micros: 255 + 128 + 220, late: false });
    const events = await db.select().from(usageEvents).where(eq(usageEvents.requestId, requestId));
    expect(events.map((event) => [event.attempt, event.modelId, event.costMicros])).toEqual([
      [1, "gpt-4o-mini", 255],
      [2, "gpt-4o-mini", 128],
      [3, "gpt-4.1-mini", 220],
    ]);
    await expectLedgerSound();
  });

  it("usage beyond the estimate is counted in full (spent may pass the limit), and the next admission is refused", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const requestId = uniqueId("req");
    const config = testConfig({ BUDGET_GUEST_DAY_TOKENS: "1500" });
    await reserve({ db, requestId, userId, tier: "guest", estimate: SMALL_ESTIMATE, now: NOON, config });
    // The provider counted more than the tokenizer estimated, and a retry added a call.
    const usage = [
      { attempt: 1, modelId: "mock-ok", inputTokens: 260, outputTokens: 800 },
      { attempt: 2, modelId: "mock-ok", inputTokens: 300, outputTokens: 400 },
    ];
    await settle({ db, requestId, usage, now: NOON, config });
    expect((await readCounter({ db, scope: "user_day", userId, at: NOON }))?.spentTokens).toBe(1760);
    const next = await reserve({ db, requestId: uniqueId("req"), userId, tier: "guest", estimate: { ...SMALL_ESTIMATE, inputTokens: 0, maxOutputTokens: 1 }, now: NOON, config });
    expect(next).toMatchObject({ ok: false, scope: "user_day", used: 1760, limit: 1500 });
    await expectLedgerSound();
  });

  it("rejects malformed usage before touching the ledger", async () => {
    const db = handle.db;
    const requestId = uniqueId("req");
    await reserve({ db, requestId, userId: uniqueId("user"), tier: "guest", estimate: SMALL_ESTIMATE, now: NOON, config: testConfig() });
    const twice = [
      { attempt: 1, modelId: "mock-ok", inputTokens: 1, outputTokens: 1 },
      { attempt: 1, modelId: "mock-ok", inputTokens: 1, outputTokens: 1 },
    ];
    await expect(settle({ db, requestId, usage: twice, now: NOON, config: testConfig() })).rejects.toThrow(RangeError);
    await expect(settle({ db, requestId, usage: [{ attempt: 1, modelId: "mock-ok", inputTokens: 1.5, outputTokens: 0 }], now: NOON })).rejects.toThrow(RangeError);
    expect((await readReservation({ db, requestId }))?.status).toBe("open");
    expect(await settle({ db, requestId: uniqueId("never-reserved"), usage: [], now: NOON })).toEqual({ status: "unknown_request" });
  });
});

describe("periods", () => {
  it("a request reserved at 23:59:59.9 UTC and settled at 00:00:00.1 settles into the day (and month) it reserved in", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const config = testConfig({ BUDGET_GUEST_DAY_TOKENS: "1000" });
    const beforeMidnight = new Date("2026-01-31T23:59:59.900Z");
    const afterMidnight = new Date("2026-02-01T00:00:00.100Z");
    const requestId = uniqueId("req");

    expect((await reserve({ db, requestId, userId, tier: "guest", estimate: SMALL_ESTIMATE, now: beforeMidnight, config })).ok).toBe(true);
    const settled = await settle({ db, requestId, usage: [{ attempt: 1, modelId: "mock-ok", inputTokens: 200, outputTokens: 650 }], now: afterMidnight, config });
    expect(settled.status).toBe("settled");

    expect(await readCounter({ db, scope: "user_day", userId, at: beforeMidnight })).toMatchObject({ spentTokens: 850, reservedTokens: 0 });
    expect(await readCounter({ db, scope: "user_month", userId, at: beforeMidnight })).toMatchObject({ spentTokens: 850, reservedTokens: 0 });
    // Nothing was charged to the new day or month: no counter row exists for them yet.
    expect(await readCounter({ db, scope: "user_day", userId, at: afterMidnight })).toBeNull();
    expect(await readCounter({ db, scope: "user_month", userId, at: afterMidnight })).toBeNull();

    // The new day starts fresh (a full day's budget), without any reset of the old one.
    const next = await reserve({ db, requestId: uniqueId("req"), userId, tier: "guest", estimate: SMALL_ESTIMATE, now: afterMidnight, config });
    expect(next.ok).toBe(true);
    expect(await readCounter({ db, scope: "user_day", userId, at: afterMidnight })).toMatchObject({ spentTokens: 0, reservedTokens: 1000 });
    expect(await readCounter({ db, scope: "user_day", userId, at: beforeMidnight })).toMatchObject({ spentTokens: 850, reservedTokens: 0 });
    await expectLedgerSound();
  });

  it("never needs a reset: a spent day stays spent, and the next day is a new row", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const config = testConfig({ BUDGET_GUEST_DAY_TOKENS: "1000" });
    const days = ["2026-05-01T10:00:00Z", "2026-05-02T10:00:00Z", "2026-05-03T10:00:00Z"].map((iso) => new Date(iso));
    for (const day of days) {
      const requestId = uniqueId("req");
      expect((await reserve({ db, requestId, userId, tier: "guest", estimate: SMALL_ESTIMATE, now: day, config })).ok).toBe(true);
      await settle({ db, requestId, usage: [{ attempt: 1, modelId: "mock-ok", inputTokens: 200, outputTokens: 800 }], now: day, config });
      // The day is spent: a second request that day is refused.
      expect(await reserve({ db, requestId: uniqueId("req"), userId, tier: "guest", estimate: SMALL_ESTIMATE, now: day, config })).toMatchObject({ ok: false, scope: "user_day" });
    }
    const rows = await db.select().from(budgetCounters).where(eq(budgetCounters.scopeId, userId));
    const dayRows = rows.filter((row) => row.scope === "user_day").map((row) => [row.periodStart.toISOString(), row.spentTokens]);
    expect(dayRows.sort()).toEqual([
      ["2026-05-01T00:00:00.000Z", 1000],
      ["2026-05-02T00:00:00.000Z", 1000],
      ["2026-05-03T00:00:00.000Z", 1000],
    ]);
    expect(rows.filter((row) => row.scope === "user_month")).toMatchObject([{ spentTokens: 3000 }]);
    await expectLedgerSound();
  });
});

describe("sweep", () => {
  it("releases reservations left open past their expiry, so they never become a phantom 'budget exceeded'", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const chatId = uniqueId("chat");
    const config = testConfig({ BUDGET_GUEST_DAY_TOKENS: "2000" });
    const at = new Date("2026-06-01T08:00:00.000Z");
    const abandoned = uniqueId("req");
    const live = uniqueId("req");
    await reserve({ db, requestId: abandoned, userId, tier: "guest", chatId, estimate: SMALL_ESTIMATE, ttlMs: 60_000, now: at, config });
    await reserve({ db, requestId: live, userId, tier: "guest", chatId, estimate: SMALL_ESTIMATE, ttlMs: 600_000, now: at, config });
    // Both holds fill the day: a third request is refused while the abandoned one holds its share.
    expect(await reserve({ db, requestId: uniqueId("req"), userId, tier: "guest", estimate: SMALL_ESTIMATE, now: at, config })).toMatchObject({ ok: false, scope: "user_day" });

    // Not expired yet: still held. (Counts are not asserted: earlier tests left reservations open too.)
    await sweepExpiredReservations({ db, now: new Date(at.getTime() + 59_000) });
    expect((await readReservation({ db, requestId: abandoned }))?.status).toBe("open");
    const later = new Date(at.getTime() + 61_000);
    const swept = await sweepExpiredReservations({ db, now: later });
    expect(swept.released).toBeGreaterThanOrEqual(1);
    expect((await readReservation({ db, requestId: abandoned }))?.status).toBe("expired");
    expect((await readReservation({ db, requestId: live }))?.status).toBe("open");
    for (const scope of ["session", "user_day", "user_month"] as const) {
      expect(await readCounter({ db, scope, userId, chatId, at }), scope).toMatchObject({ reservedTokens: 1000, spentTokens: 0 });
    }
    expect((await reserve({ db, requestId: uniqueId("req"), userId, tier: "guest", estimate: SMALL_ESTIMATE, now: later, config })).ok).toBe(true);
    await expectLedgerSound();
  });

  it("a settle arriving after the sweep still counts its usage (and only releases what is still reserved)", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const requestId = uniqueId("req");
    const at = new Date("2026-06-02T08:00:00.000Z");
    await reserve({ db, requestId, userId, tier: "guest", estimate: SMALL_ESTIMATE, ttlMs: 60_000, now: at, config: testConfig() });
    await sweepExpiredReservations({ db, now: new Date(at.getTime() + 120_000) });

    const late = await settle({ db, requestId, usage: [{ attempt: 1, modelId: "mock-ok", inputTokens: 200, outputTokens: 500 }], now: new Date(at.getTime() + 130_000) });
    expect(late).toMatchObject({ status: "settled", tokens: 700, late: true });
    expect(await readCounter({ db, scope: "user_day", userId, at })).toMatchObject({ spentTokens: 700, reservedTokens: 0 });
    const [row] = await db.select().from(budgetReservations).where(eq(budgetReservations.requestId, requestId));
    expect(row?.status).toBe("settled");
    await expectLedgerSound();
  });
});

describe("fail closed", () => {
  it("an unreachable database rejects reserve and settle with an error the route maps to 503", async () => {
    const [{ default: postgres }, { drizzle }, schema, { toBallastError }] = await Promise.all([
      import("postgres"),
      import("drizzle-orm/postgres-js"),
      import("@/db/schema"),
      import("@/lib/errors"),
    ]);
    // Port 9 (discard) answers nothing: connection refused.
    const client = postgres("postgres://postgres@127.0.0.1:9/none", { max: 1, connect_timeout: 2, onnotice: () => {} });
    const db = drizzle(client, { schema });
    try {
      const reserving = reserve({ db, requestId: uniqueId("req"), userId: uniqueId("user"), tier: "guest", estimate: SMALL_ESTIMATE, config: testConfig() });
      const reserveError = await reserving.then(
        () => null,
        (error: unknown) => error,
      );
      expect(toBallastError(reserveError)).toMatchObject({ code: "unavailable:database", status: 503 });
      const settleError = await settle({ db, requestId: uniqueId("req"), usage: [], config: testConfig() }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(toBallastError(settleError)).toMatchObject({ code: "unavailable:database", status: 503 });
    } finally {
      await client.end({ timeout: 1 });
    }
  });
});

describe("admin overrides", () => {
  it("raise one user's limit at once (today's counter included), and clearing restores the tier's", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const config = testConfig({ BUDGET_GUEST_DAY_TOKENS: "1000" });
    const ask = () => reserve({ db, requestId: uniqueId("req"), userId, tier: "guest", estimate: SMALL_ESTIMATE, now: NOON, config });
    expect((await ask()).ok).toBe(true);
    expect(await ask()).toMatchObject({ ok: false, scope: "user_day", limit: 1000 });

    const set = await setUserOverride({ db, userId, overrides: { user_day: { tokens: 5000 } }, setBy: "admin-1", now: NOON });
    expect(set).toMatchObject({ userId, setBy: "admin-1", overrides: { user_day: { tokens: 5000 }, user_month: {}, session: {} } });
    expect(await getUserOverride({ db, userId })).toEqual(set);
    expect((await ask()).ok).toBe(true);
    expect((await readCounter({ db, scope: "user_day", userId, at: NOON }))?.limitTokens).toBe(5000);

    // A new override replaces the old one entirely; clearing it brings the tier's 1,000 back.
    await setUserOverride({ db, userId, overrides: { user_month: { micros: 1_000_000 } }, setBy: "admin-2", now: NOON });
    expect((await getUserOverride({ db, userId }))?.overrides.user_day).toEqual({});
    expect(await clearUserOverride({ db, userId })).toBe(true);
    expect(await getUserOverride({ db, userId })).toBeNull();
    expect(await ask()).toMatchObject({ ok: false, scope: "user_day", limit: 1000 });
    await expect(setUserOverride({ db, userId, overrides: { session: { tokens: -5 } }, setBy: "admin-1" })).rejects.toThrow(RangeError);
    await expectLedgerSound();
  });
});

describe("budget status (the meter's figures)", () => {
  it("reports limit, spent, reserved, remaining and renewal per scope, and which scope binds", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const chatId = uniqueId("chat");
    const at = new Date("2026-07-15T10:00:00.000Z");
    const config = testConfig({ BUDGET_GUEST_SESSION_TOKENS: "4000" });

    const fresh = await getBudgetStatus({ db, userId, tier: "guest", chatId, now: at, config });
    expect(fresh.scopes.map((status) => [status.scope, status.remainingTokens, status.remainingFraction])).toEqual([
      ["session", 4000, 1],
      ["user_day", 20_000, 1],
      ["user_month", 200_000, 1],
    ]);

    const settledId = uniqueId("req");
    await reserve({ db, requestId: settledId, userId, tier: "guest", chatId, estimate: SMALL_ESTIMATE, now: at, config });
    await settle({ db, requestId: settledId, usage: [{ attempt: 1, modelId: "mock-ok", inputTokens: 200, outputTokens: 300 }], now: at, config });
    await reserve({ db, requestId: uniqueId("req"), userId, tier: "guest", chatId, estimate: SMALL_ESTIMATE, now: at, config });

    const status = await getBudgetStatus({ db, userId, tier: "guest", chatId, now: at, config });
    const session = status.scopes.find((scope) => scope.scope === "session");
    expect(session).toEqual({
      scope: "session",
      limitTokens: 4000,
      limitMicros: 25_000,
      spentTokens: 500,
      spentMicros: 210, // 200 × 0.15 + 300 × 0.60
      reservedTokens: 1000,
      reservedMicros: 510,
      remainingTokens: 2500,
      remainingMicros: 25_000 - 720,
      remainingFraction: 2500 / 4000,
      renewsAt: null,
    });
    expect(status.binding?.scope).toBe("session");
    expect(status.scopes.find((scope) => scope.scope === "user_day")?.renewsAt).toEqual(new Date("2026-07-16T00:00:00.000Z"));
    expect(status.scopes.find((scope) => scope.scope === "user_month")?.renewsAt).toEqual(new Date("2026-08-01T00:00:00.000Z"));
    expect(status.scopes.some((scope) => scope.scope === "global_day")).toBe(false);

    const admin = await getBudgetStatus({ db, userId, tier: "admin", chatId, includeGlobal: true, now: at, config });
    expect(admin.scopes.map((scope) => scope.scope)).toEqual(["session", "user_day", "user_month", "global_day"]);
    expect(admin.scopes[0]?.remainingTokens).toBeNull();
    expect(admin.binding?.scope).toBe("global_day");
  });
});
