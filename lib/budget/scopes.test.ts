import { describe, expect, it } from "vitest";
import { compareCounterKeys, counterKeysFor, LOCK_ORDER, periodsAt, renewsAt, SESSION_PERIOD_START } from "./scopes";

describe("budget periods", () => {
  it("cuts days and months at UTC boundaries, whatever the server's time zone", () => {
    expect(periodsAt(new Date("2026-01-31T23:59:59.999Z"))).toEqual({ dayStart: new Date("2026-01-31T00:00:00Z"), monthStart: new Date("2026-01-01T00:00:00Z") });
    expect(periodsAt(new Date("2026-02-01T00:00:00.000Z"))).toEqual({ dayStart: new Date("2026-02-01T00:00:00Z"), monthStart: new Date("2026-02-01T00:00:00Z") });
  });

  it("renews days at the next UTC midnight, months on the 1st, sessions never", () => {
    expect(renewsAt({ scope: "user_day", periodStart: new Date("2028-02-28T00:00:00Z") })).toEqual(new Date("2028-02-29T00:00:00Z"));
    expect(renewsAt({ scope: "global_day", periodStart: new Date("2026-12-31T00:00:00Z") })).toEqual(new Date("2027-01-01T00:00:00Z"));
    expect(renewsAt({ scope: "user_month", periodStart: new Date("2026-12-01T00:00:00Z") })).toEqual(new Date("2027-01-01T00:00:00Z"));
    expect(renewsAt({ scope: "session", periodStart: SESSION_PERIOD_START })).toBeNull();
  });

  it("lists a request's counters in lock order, narrowest first; sorting many keys keeps that order", () => {
    const periods = periodsAt(new Date("2026-03-10T12:00:00Z"));
    const keys = counterKeysFor({ userId: "u", chatId: "c", ...periods });
    expect(keys.map((key) => key.scope)).toEqual([...LOCK_ORDER]);
    expect(counterKeysFor({ userId: "u", chatId: null, ...periods }).map((key) => key.scope)).toEqual(["user_day", "user_month", "global_day"]);
    const other = counterKeysFor({ userId: "a", chatId: "z", ...periodsAt(new Date("2026-03-09T12:00:00Z")) });
    const sorted = [...keys, ...other].sort(compareCounterKeys);
    expect(sorted.map((key) => `${key.scope}:${key.scopeId}:${key.periodStart.toISOString().slice(0, 10)}`)).toEqual([
      "session:c:1970-01-01",
      "session:z:1970-01-01",
      "user_day:a:2026-03-09",
      "user_day:u:2026-03-10",
      "user_month:a:2026-03-01",
      "user_month:u:2026-03-01",
      "global_day:global:2026-03-09",
      "global_day:global:2026-03-10",
    ]);
  });
});
