import { resetModelChainForTests } from "@/lib/ai/registry";
import { resetAuthForTests } from "@/lib/auth/auth";
import { resetBudgetConfigForTests } from "@/lib/budget/limits";
import { resetEnvForTests } from "@/lib/env";

/** For tests that send many requests as one guest: no budget or rate limit gets in the way. */
export const NO_LIMITS_ENV = {
  RATE_LIMIT_USER_PER_MINUTE: "1000000",
  RATE_LIMIT_IP_PER_MINUTE: "1000000",
  BUDGET_GUEST_DAY_TOKENS: "unlimited",
  BUDGET_GUEST_DAY_MICROS: "unlimited",
  BUDGET_GUEST_MONTH_TOKENS: "unlimited",
  BUDGET_GUEST_MONTH_MICROS: "unlimited",
  BUDGET_GUEST_SESSION_TOKENS: "unlimited",
  BUDGET_GUEST_SESSION_MICROS: "unlimited",
  BUDGET_GLOBAL_DAY_TOKENS: "unlimited",
  BUDGET_GLOBAL_DAY_MICROS: "unlimited",
};

/** Every module-level cache of configuration, dropped so the next use re-reads process.env. */
export function resetConfigForTests(): void {
  resetEnvForTests();
  resetBudgetConfigForTests();
  resetModelChainForTests();
  resetAuthForTests();
}
