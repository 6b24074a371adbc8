import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { checkRateLimit } from "./rate-limit";
import { testConfig, uniqueId } from "./test-helpers";

let handle: DbHandle;
beforeAll(async () => {
  handle = await openDb({ dataDir: "memory://" });
});
afterAll(async () => {
  await handle?.close();
});

const config = testConfig({ RATE_LIMIT_USER_PER_MINUTE: "60", RATE_LIMIT_IP_PER_MINUTE: "100" });

describe("rate limit (fixed one-minute windows in Postgres)", () => {
  it("refuses the 61st request in a minute with a Retry-After to the window's end, and admits again in the next window", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const windowStart = new Date("2026-03-10T12:34:00.000Z");
    for (let index = 0; index < 60; index += 1) {
      const now = new Date(windowStart.getTime() + 500 + index * 100);
      expect(await checkRateLimit({ db, userId, ip: null, now, config }), `request ${index + 1}`).toEqual({ ok: true });
    }
    const sixtyFirst = await checkRateLimit({ db, userId, ip: null, now: new Date("2026-03-10T12:34:17.250Z"), config });
    expect(sixtyFirst).toEqual({ ok: false, key: "user", limit: 60, retryAfterSeconds: 43 });
    if (!sixtyFirst.ok) {
      expect(sixtyFirst.retryAfterSeconds).toBeGreaterThan(0);
      expect(sixtyFirst.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    // Another user is unaffected.
    expect(await checkRateLimit({ db, userId: uniqueId("user"), ip: null, now: new Date("2026-03-10T12:34:18Z"), config })).toEqual({ ok: true });
    // The last moment of the window still refuses (Retry-After never says 0); the next window admits.
    expect(await checkRateLimit({ db, userId, ip: null, now: new Date("2026-03-10T12:34:59.999Z"), config })).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    expect(await checkRateLimit({ db, userId, ip: null, now: new Date("2026-03-10T12:35:00.000Z"), config })).toEqual({ ok: true });
  });

  it("limits a client address across the users behind it", async () => {
    const db = handle.db;
    const ip = "203.0.113.7";
    const now = new Date("2026-03-10T13:00:30.000Z");
    const results = [];
    for (let index = 0; index < 101; index += 1) results.push(await checkRateLimit({ db, userId: uniqueId("user"), ip, now, config }));
    expect(results.filter((result) => result.ok)).toHaveLength(100);
    expect(results.at(-1)).toEqual({ ok: false, key: "ip", limit: 100, retryAfterSeconds: 30 });
  });

  it("counts concurrent requests exactly (one upsert returns the new count)", async () => {
    const db = handle.db;
    const userId = uniqueId("user");
    const now = new Date("2026-03-10T14:00:00.000Z");
    const results = await Promise.all(Array.from({ length: 90 }, () => checkRateLimit({ db, userId, ip: null, now, config })));
    expect(results.filter((result) => result.ok)).toHaveLength(60);
  });
});
