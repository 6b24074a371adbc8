import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/*
 * The token-budget ledger (lib/budget/). Tokens are integers and cost is integer
 * micro-dollars (1 USD = 1,000,000): sums of floats drift, sums of integers don't.
 * bigint in "number" mode: exact up to 2^53, i.e. 9 billion dollars in micros.
 */

/** Budget scopes, in the order admission locks their counters (see lib/budget/scopes.ts). */
export const BUDGET_SCOPES = ["session", "user_day", "user_month", "global_day"] as const;
export type BudgetScope = (typeof BUDGET_SCOPES)[number];

export const USER_TIERS = ["guest", "user", "admin"] as const;
export type UserTier = (typeof USER_TIERS)[number];

export const RESERVATION_STATUSES = ["open", "settled", "expired"] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

const tokens = (name: string) => bigint(name, { mode: "number" });
/** Drizzle's text enums are TypeScript-only; the database checks the values too. */
const oneOf = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(", "));
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull();

/**
 * One counter per (scope, scope id, period start). A new day or month is a new
 * row, so nothing is ever reset and past periods stay as history. The limit is
 * the one last applied by admission (null = unlimited); admission always checks
 * the limit in force now, so a tier change or an admin override acts at once.
 */
export const budgetCounters = pgTable(
  "budget_counters",
  {
    scope: text("scope", { enum: BUDGET_SCOPES }).notNull(),
    /** The user id (user_* scopes), the chat id (session) or "global". */
    scopeId: text("scope_id").notNull(),
    /** UTC midnight, the 1st of the month at UTC midnight, or the epoch for a session (lifetime). */
    periodStart: timestamp("period_start", { withTimezone: true }).notNull(),
    limitTokens: tokens("limit_tokens"),
    limitMicros: tokens("limit_micros"),
    spentTokens: tokens("spent_tokens").notNull().default(0),
    spentMicros: tokens("spent_micros").notNull().default(0),
    reservedTokens: tokens("reserved_tokens").notNull().default(0),
    reservedMicros: tokens("reserved_micros").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    primaryKey({ columns: [table.scope, table.scopeId, table.periodStart] }),
    check("budget_counters_scope_valid", sql`${table.scope} in (${oneOf(BUDGET_SCOPES)})`),
    // A negative amount can only come from an accounting bug: make it fail loudly.
    check("budget_counters_amounts_nonnegative", sql`${table.spentTokens} >= 0 and ${table.spentMicros} >= 0 and ${table.reservedTokens} >= 0 and ${table.reservedMicros} >= 0`),
  ],
);

/**
 * One row per request (the idempotency key): what admission reserved, in which
 * periods, and whether it has been settled. Settle and sweep find the counters
 * through these period starts, so a request reserved before midnight settles
 * into the day it was admitted in.
 */
export const budgetReservations = pgTable(
  "budget_reservations",
  {
    requestId: text("request_id").primaryKey(),
    userId: text("user_id").notNull(),
    /** The chat (session scope); null for a call outside any chat. */
    chatId: text("chat_id"),
    tier: text("tier", { enum: USER_TIERS }).notNull(),
    status: text("status", { enum: RESERVATION_STATUSES }).notNull().default("open"),
    /** The same amount is reserved in every scope: one estimate per request. */
    reservedTokens: tokens("reserved_tokens").notNull(),
    reservedMicros: tokens("reserved_micros").notNull(),
    /** The model the estimate was priced at (the chain's most expensive one). */
    pricedModelId: text("priced_model_id").notNull(),
    dayStart: timestamp("day_start", { withTimezone: true }).notNull(),
    monthStart: timestamp("month_start", { withTimezone: true }).notNull(),
    /** What settle counted (null until settled). */
    settledTokens: tokens("settled_tokens"),
    settledMicros: tokens("settled_micros"),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (table) => [
    // The sweep's query: open reservations past their expiry. Partial, so it stays small.
    index("budget_reservations_open_expiry_idx").on(table.expiresAt).where(sql`${table.status} = 'open'`),
    check("budget_reservations_status_valid", sql`${table.status} in (${oneOf(RESERVATION_STATUSES)})`),
    check("budget_reservations_tier_valid", sql`${table.tier} in (${oneOf(USER_TIERS)})`),
    check("budget_reservations_amounts_nonnegative", sql`${table.reservedTokens} >= 0 and ${table.reservedMicros} >= 0`),
  ],
);

/** One row per model call (attempt) of a settled request: what the provider was paid for. */
export const usageEvents = pgTable(
  "usage_events",
  {
    requestId: text("request_id")
      .notNull()
      .references(() => budgetReservations.requestId),
    /** 1-based attempt number within the request (retries and fallbacks share the reservation). */
    attempt: integer("attempt").notNull(),
    userId: text("user_id").notNull(),
    chatId: text("chat_id"),
    modelId: text("model_id").notNull(),
    /** Whose price was applied: the model itself, or the reservation's priced model for an id missing from the price table. */
    pricedAs: text("priced_as").notNull(),
    inputTokens: integer("input_tokens").notNull(),
    outputTokens: integer("output_tokens").notNull(),
    costMicros: tokens("cost_micros").notNull(),
    /** True when the stream broke before the provider reported usage and the caller counted it instead. */
    estimated: boolean("estimated").notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [
    // One event per attempt: a second settle can never insert the same attempt twice.
    primaryKey({ columns: [table.requestId, table.attempt] }),
    index("usage_events_user_created_idx").on(table.userId, table.createdAt),
    index("usage_events_created_idx").on(table.createdAt),
    check("usage_events_amounts_nonnegative", sql`${table.inputTokens} >= 0 and ${table.outputTokens} >= 0 and ${table.costMicros} >= 0`),
  ],
);

/**
 * An admin's override of one user's limits. A null column inherits the user's
 * tier default; "unlimited" is what the admin tier is for.
 */
export const budgetOverrides = pgTable(
  "budget_overrides",
  {
    userId: text("user_id").primaryKey(),
    dayTokens: tokens("day_tokens"),
    dayMicros: tokens("day_micros"),
    monthTokens: tokens("month_tokens"),
    monthMicros: tokens("month_micros"),
    sessionTokens: tokens("session_tokens"),
    sessionMicros: tokens("session_micros"),
    /** The admin who set it. */
    setBy: text("set_by").notNull(),
    updatedAt: updatedAt(),
  },
  (table) => [
    // A null column passes a check (null is not false): only set limits are tested.
    check(
      "budget_overrides_limits_nonnegative",
      sql`${table.dayTokens} >= 0 and ${table.dayMicros} >= 0 and ${table.monthTokens} >= 0 and ${table.monthMicros} >= 0 and ${table.sessionTokens} >= 0 and ${table.sessionMicros} >= 0`,
    ),
  ],
);

/**
 * Fixed-window request counters for rate limits: one row per key ("user:<id>",
 * "ip:<addr>") and window start. Old windows are pruned by the sweep.
 */
export const rateLimitWindows = pgTable(
  "rate_limit_windows",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull(),
  },
  (table) => [primaryKey({ columns: [table.key, table.windowStart] }), index("rate_limit_windows_start_idx").on(table.windowStart)],
);
