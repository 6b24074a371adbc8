/** A limit no benchmark run reaches, yet finite: the conditional UPDATE still checks it, as in production. */
const HIGH = "1000000000000";

/**
 * Environment for an app under benchmark: budgets and rate limits are checked
 * on every request but never refuse one, so the figures measure the work, not
 * the refusals.
 */
export const UNREACHED_LIMITS_ENV: Record<string, string> = Object.fromEntries(
  [
    "RATE_LIMIT_USER_PER_MINUTE",
    "RATE_LIMIT_IP_PER_MINUTE",
    ...["GUEST", "USER"].flatMap((tier) => ["DAY", "MONTH", "SESSION"].flatMap((period) => ["TOKENS", "MICROS"].map((unit) => `BUDGET_${tier}_${period}_${unit}`))),
    "BUDGET_GLOBAL_DAY_TOKENS",
    "BUDGET_GLOBAL_DAY_MICROS",
  ].map((name) => [name, HIGH]),
);

/** A fixed secret, so no key file is written into .data/. */
export const BENCH_AUTH_ENV = { BETTER_AUTH_SECRET: "bench-secret-bench-secret-bench-secret-01" };
