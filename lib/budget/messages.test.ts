import { describe, expect, it } from "vitest";
import { budgetErrorCode, budgetRefusalMessage, secondsUntilRenewal } from "./messages";

const NOW = new Date("2026-03-10T20:48:00.000Z");

describe("budget refusal messages", () => {
  it("name the budget, its size and when it renews", () => {
    const day = { scope: "user_day", unit: "tokens", limit: 20_000, renewsAt: new Date("2026-03-11T00:00:00.000Z") } as const;
    expect(budgetRefusalMessage(day, NOW)).toBe("You have used today's budget of 20,000 tokens. It renews at midnight UTC, in 3 h 12 min.");
    expect(secondsUntilRenewal(day, NOW)).toBe(3 * 3600 + 12 * 60);
    expect(budgetRefusalMessage({ ...day, scope: "user_month", unit: "micros", limit: 500_000, renewsAt: new Date("2026-04-01T00:00:00.000Z") }, NOW)).toBe(
      "You have used this month's budget of $0.50. It renews on the 1st (UTC), in 21 days.",
    );
    const chat = { scope: "session", unit: "tokens", limit: 10_000, renewsAt: null } as const;
    expect(budgetRefusalMessage(chat, NOW)).toBe("This chat has used its budget of 10,000 tokens. Start a new chat to continue.");
    expect(secondsUntilRenewal(chat, NOW)).toBeNull();
  });

  it("say what is left when the request's worst case does not fit a budget that is not used up", () => {
    const day = { scope: "user_day", unit: "tokens", limit: 6_000, used: 3_622, requested: 1_400, renewsAt: new Date("2026-03-11T00:00:00.000Z") } as const;
    expect(budgetRefusalMessage(day, NOW)).toBe(
      "Not enough is left of today's budget of 6,000 tokens: 2,378 tokens remain, and this request may need up to 1,400 tokens with its longest possible answer. It renews at midnight UTC, in 3 h 12 min.",
    );
    expect(budgetRefusalMessage({ ...day, used: 6_100 }, NOW)).toBe("You have used today's budget of 6,000 tokens. It renews at midnight UTC, in 3 h 12 min.");
  });

  it("map each scope to its own error code", () => {
    expect([budgetErrorCode("session"), budgetErrorCode("user_day"), budgetErrorCode("user_month"), budgetErrorCode("global_day")]).toEqual([
      "budget_exceeded:chat",
      "budget_exceeded:day",
      "budget_exceeded:month",
      "budget_exceeded:global",
    ]);
  });
});
