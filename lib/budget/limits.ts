import { z } from "zod";
import type { BudgetScope, UserTier } from "@/db/schema-budget";
import { parseModelPrices, type ModelPrice } from "./prices";

/** A budget limit: null means unlimited. Tokens are integers, cost is integer micro-dollars. */
export type Limit = { tokens: number | null; micros: number | null };

/** The scopes a tier (and an admin override) sets; global_day is one figure for the whole deployment. */
export type UserScope = Exclude<BudgetScope, "global_day">;
export type TierLimits = Record<UserScope, Limit>;

/** An admin's override of some of one user's limits: a missing figure inherits the tier's. */
export type LimitOverrides = Partial<Record<UserScope, { tokens?: number; micros?: number }>>;

export type BudgetConfig = {
  tiers: Record<UserTier, TierLimits>;
  global: Limit;
  rateLimit: { userPerMinute: number; ipPerMinute: number };
  /** How long a reservation may stay open before the sweep releases it. Longer than any request. */
  reservationTtlMs: number;
  /** Operator prices for models the built-in table lacks (BUDGET_MODEL_PRICES). */
  extraPrices: ModelPrice[];
};

/**
 * A limit variable: unset or empty → the default, "unlimited" → null, else a
 * non-negative integer. Anything else fails start-up: a typo must not turn a
 * budget off.
 */
const limitVar = (fallback: number | null) =>
  z
    .string()
    .optional()
    .transform((raw, ctx): number | null => {
      const value = raw?.trim() ?? "";
      if (value === "") return fallback;
      if (value.toLowerCase() === "unlimited") return null;
      if (/^\d+$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
      ctx.addIssue({ code: "custom", message: `expected a non-negative integer or "unlimited", got "${value}"` });
      return z.NEVER;
    });

const positiveInt = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

/**
 * Every budget and rate-limit variable with its default. Tokens per period;
 * micros = micro-dollars (1 USD = 1,000,000). The lead can spread `.shape`
 * into lib/env.ts; parseBudgetConfig works on its own too.
 */
export const budgetEnvSchema = z.object({
  // Guests: an anonymous visitor gets a taste, not a free API.
  BUDGET_GUEST_DAY_TOKENS: limitVar(20_000),
  BUDGET_GUEST_DAY_MICROS: limitVar(50_000),
  BUDGET_GUEST_MONTH_TOKENS: limitVar(200_000),
  BUDGET_GUEST_MONTH_MICROS: limitVar(500_000),
  BUDGET_GUEST_SESSION_TOKENS: limitVar(10_000),
  BUDGET_GUEST_SESSION_MICROS: limitVar(25_000),
  // Signed-in users.
  BUDGET_USER_DAY_TOKENS: limitVar(200_000),
  BUDGET_USER_DAY_MICROS: limitVar(500_000),
  BUDGET_USER_MONTH_TOKENS: limitVar(2_000_000),
  BUDGET_USER_MONTH_MICROS: limitVar(5_000_000),
  BUDGET_USER_SESSION_TOKENS: limitVar(100_000),
  BUDGET_USER_SESSION_MICROS: limitVar(250_000),
  // Admins: unlimited unless configured (the global cap still applies).
  BUDGET_ADMIN_DAY_TOKENS: limitVar(null),
  BUDGET_ADMIN_DAY_MICROS: limitVar(null),
  BUDGET_ADMIN_MONTH_TOKENS: limitVar(null),
  BUDGET_ADMIN_MONTH_MICROS: limitVar(null),
  BUDGET_ADMIN_SESSION_TOKENS: limitVar(null),
  BUDGET_ADMIN_SESSION_MICROS: limitVar(null),
  // The whole deployment per UTC day: the backstop against a bill nobody planned.
  BUDGET_GLOBAL_DAY_TOKENS: limitVar(5_000_000),
  BUDGET_GLOBAL_DAY_MICROS: limitVar(20_000_000),
  BUDGET_RESERVATION_TTL_MS: positiveInt(600_000, 10_000),
  BUDGET_MODEL_PRICES: z
    .string()
    .optional()
    .transform((raw, ctx): ModelPrice[] => {
      try {
        return parseModelPrices(raw);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  RATE_LIMIT_USER_PER_MINUTE: positiveInt(30),
  RATE_LIMIT_IP_PER_MINUTE: positiveInt(120),
});

export type BudgetEnv = z.infer<typeof budgetEnvSchema>;

/** The parsed variables as the ledger uses them. */
export function budgetConfigFromEnv(env: BudgetEnv): BudgetConfig {
  return {
    tiers: {
      guest: {
        user_day: { tokens: env.BUDGET_GUEST_DAY_TOKENS, micros: env.BUDGET_GUEST_DAY_MICROS },
        user_month: { tokens: env.BUDGET_GUEST_MONTH_TOKENS, micros: env.BUDGET_GUEST_MONTH_MICROS },
        session: { tokens: env.BUDGET_GUEST_SESSION_TOKENS, micros: env.BUDGET_GUEST_SESSION_MICROS },
      },
      user: {
        user_day: { tokens: env.BUDGET_USER_DAY_TOKENS, micros: env.BUDGET_USER_DAY_MICROS },
        user_month: { tokens: env.BUDGET_USER_MONTH_TOKENS, micros: env.BUDGET_USER_MONTH_MICROS },
        session: { tokens: env.BUDGET_USER_SESSION_TOKENS, micros: env.BUDGET_USER_SESSION_MICROS },
      },
      admin: {
        user_day: { tokens: env.BUDGET_ADMIN_DAY_TOKENS, micros: env.BUDGET_ADMIN_DAY_MICROS },
        user_month: { tokens: env.BUDGET_ADMIN_MONTH_TOKENS, micros: env.BUDGET_ADMIN_MONTH_MICROS },
        session: { tokens: env.BUDGET_ADMIN_SESSION_TOKENS, micros: env.BUDGET_ADMIN_SESSION_MICROS },
      },
    },
    global: { tokens: env.BUDGET_GLOBAL_DAY_TOKENS, micros: env.BUDGET_GLOBAL_DAY_MICROS },
    rateLimit: { userPerMinute: env.RATE_LIMIT_USER_PER_MINUTE, ipPerMinute: env.RATE_LIMIT_IP_PER_MINUTE },
    reservationTtlMs: env.BUDGET_RESERVATION_TTL_MS,
    extraPrices: env.BUDGET_MODEL_PRICES,
  };
}

/** Parses budget settings from an environment (process.env by default; tests pass their own). */
export function parseBudgetConfig(env: Record<string, string | undefined> = process.env): BudgetConfig {
  const parsed = budgetEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid budget configuration:\n  ${issues.join("\n  ")}`);
  }
  return budgetConfigFromEnv(parsed.data);
}

let cached: BudgetConfig | undefined;

/** The process's budget settings, parsed from process.env on first use. */
export function getBudgetConfig(): BudgetConfig {
  cached ??= parseBudgetConfig(process.env);
  return cached;
}

/** Tests change process.env between cases; this makes the next getBudgetConfig() re-read it. */
export function resetBudgetConfigForTests(): void {
  cached = undefined;
}

/** The limits in force for one identity: its tier's, with an admin's overrides on top. */
export function limitsFor({
  tier,
  overrides,
  config = getBudgetConfig(),
}: {
  tier: UserTier;
  overrides?: LimitOverrides | null;
  config?: BudgetConfig;
}): Record<BudgetScope, Limit> {
  const base = config.tiers[tier];
  const merge = (scope: UserScope): Limit => ({
    tokens: overrides?.[scope]?.tokens ?? base[scope].tokens,
    micros: overrides?.[scope]?.micros ?? base[scope].micros,
  });
  return { session: merge("session"), user_day: merge("user_day"), user_month: merge("user_month"), global_day: config.global };
}
