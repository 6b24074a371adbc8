import { describe, expect, it } from "vitest";
import { limitsFor, parseBudgetConfig } from "./limits";

describe("budget limits", () => {
  it("has sensible defaults per tier: guests small, users larger, admins unlimited, a global cap", () => {
    const config = parseBudgetConfig({});
    expect(limitsFor({ tier: "guest", config })).toEqual({
      session: { tokens: 10_000, micros: 25_000 },
      user_day: { tokens: 20_000, micros: 50_000 },
      user_month: { tokens: 200_000, micros: 500_000 },
      global_day: { tokens: 5_000_000, micros: 20_000_000 },
    });
    expect(limitsFor({ tier: "user", config }).user_day).toEqual({ tokens: 200_000, micros: 500_000 });
    expect(limitsFor({ tier: "admin", config })).toMatchObject({ session: { tokens: null, micros: null }, user_day: { tokens: null, micros: null } });
    expect(config.rateLimit).toEqual({ userPerMinute: 30, ipPerMinute: 120 });
    expect(config.reservationTtlMs).toBe(600_000);
  });

  it("reads overrides from the environment, 'unlimited' included, and refuses anything else", () => {
    const config = parseBudgetConfig({ BUDGET_GUEST_DAY_TOKENS: " 5000 ", BUDGET_GUEST_DAY_MICROS: "unlimited", BUDGET_GLOBAL_DAY_TOKENS: "", RATE_LIMIT_USER_PER_MINUTE: "60" });
    expect(config.tiers.guest.user_day).toEqual({ tokens: 5000, micros: null });
    expect(config.global.tokens).toBe(5_000_000);
    expect(config.rateLimit.userPerMinute).toBe(60);
    expect(() => parseBudgetConfig({ BUDGET_USER_DAY_TOKENS: "20k" })).toThrow(/BUDGET_USER_DAY_TOKENS/);
    expect(() => parseBudgetConfig({ BUDGET_USER_DAY_TOKENS: "-1" })).toThrow(/BUDGET_USER_DAY_TOKENS/);
    expect(() => parseBudgetConfig({ BUDGET_MODEL_PRICES: "x=1" })).toThrow(/BUDGET_MODEL_PRICES/);
  });

  it("lays an admin's override over the tier's limits, figure by figure", () => {
    const config = parseBudgetConfig({});
    const limits = limitsFor({ tier: "guest", overrides: { user_day: { tokens: 100_000 }, session: { micros: 0 } }, config });
    expect(limits.user_day).toEqual({ tokens: 100_000, micros: 50_000 });
    expect(limits.session).toEqual({ tokens: 10_000, micros: 0 });
    expect(limits.global_day).toEqual(config.global);
  });
});
