import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { budgetCounters, budgetReservations, type BudgetScope, type UserTier } from "@/db/schema-budget";
import { getBudgetConfig, limitsFor, type BudgetConfig, type Limit } from "./limits";
import { getUserOverride } from "./overrides";
import { priceEstimate } from "./prices";
import { counterKeysFor, periodsAt, renewsAt, type CounterKey } from "./scopes";
import { maybeSweep } from "./sweep";

export type Reservation = typeof budgetReservations.$inferSelect;

/** What one request may spend at most: its input plus the full output cap, on any model of the chain. */
export type ReserveEstimate = {
  /** Input tokens as counted by the tokenizer (instructions + fitted history + new message). */
  inputTokens: number;
  /** The maxOutputTokens the call enforces. */
  maxOutputTokens: number;
  /** Every model the attempt loop may call (primary and fallbacks): the estimate is priced at the dearest. */
  modelIds: readonly string[];
};

/** A budget said no. Not an exception: the route turns it into `budget_exceeded:<scope>`. */
export type BudgetRefusal = {
  ok: false;
  reason: "budget_exceeded";
  scope: BudgetScope;
  /** Which figure ran out. */
  unit: "tokens" | "micros";
  limit: number;
  /** Spent plus reserved in that scope before this request. */
  used: number;
  /** What this request asked for, in the same unit. */
  requested: number;
  /** When the scope's budget is fresh again; null for a chat's lifetime budget (never). */
  renewsAt: Date | null;
};

export type ReserveResult =
  | { ok: true; reservation: Reservation; replayed: boolean }
  | BudgetRefusal
  /** The request id was already reserved and settled or expired: a new request needs a new id. */
  | { ok: false; reason: "request_closed"; reservation: Reservation };

/** Carries a refusal out of the transaction callback, which rolls the transaction back. */
class Refused extends Error {
  constructor(readonly refusal: BudgetRefusal) {
    super(`budget_exceeded:${refusal.scope}`);
  }
}

function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/**
 * Admission: reserves a request's worst-case tokens and cost in every scope
 * (the chat, the user's day and month, the deployment's day), or in none.
 *
 * One transaction: insert the reservation (its request id is the idempotency
 * key), create missing counter rows, then one conditional UPDATE per scope in
 * LOCK_ORDER that adds the estimate only if spent + reserved + estimate stays
 * within the limit in force. Under READ COMMITTED a concurrent UPDATE of the
 * same row waits for the row lock and re-checks the condition against the
 * committed values, so two requests can never both take the last tokens. If
 * any scope refuses, the transaction rolls back: nothing stays reserved
 * anywhere.
 *
 * Errors (database unreachable, unpriced model) propagate: the caller refuses
 * the request rather than serving it unaccounted (fail closed).
 */
export async function reserve({
  db,
  requestId,
  userId,
  tier,
  chatId = null,
  estimate,
  ttlMs,
  now = new Date(),
  config = getBudgetConfig(),
}: {
  db: Db;
  requestId: string;
  userId: string;
  tier: UserTier;
  chatId?: string | null;
  estimate: ReserveEstimate;
  /** Defaults to BUDGET_RESERVATION_TTL_MS; must outlast the slowest request, retries included. */
  ttlMs?: number;
  now?: Date;
  config?: BudgetConfig;
}): Promise<ReserveResult> {
  assertCount("inputTokens", estimate.inputTokens);
  assertCount("maxOutputTokens", estimate.maxOutputTokens);
  // Priced before touching the database: an unpriced model throws UnpricedModelError.
  const { micros, pricedModelId } = priceEstimate({ ...estimate, at: now, extra: config.extraPrices });
  const tokens = estimate.inputTokens + estimate.maxOutputTokens;
  const { dayStart, monthStart } = periodsAt(now);
  const keys = counterKeysFor({ userId, chatId, dayStart, monthStart });

  // Expired reservations must not hold budget: release them now and then.
  await maybeSweep({ db, now });

  try {
    return await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(budgetReservations)
        .values({
          requestId,
          userId,
          chatId,
          tier,
          reservedTokens: tokens,
          reservedMicros: micros,
          pricedModelId,
          dayStart,
          monthStart,
          createdAt: now,
          expiresAt: new Date(now.getTime() + (ttlMs ?? config.reservationTtlMs)),
        })
        .onConflictDoNothing()
        .returning();
      if (!created) return replay({ db: tx, requestId, userId });

      const override = await getUserOverride({ db: tx, userId });
      const limits = limitsFor({ tier, overrides: override?.overrides, config });

      // Rows are created on demand; a new period is a new row (nothing is ever reset).
      await tx
        .insert(budgetCounters)
        .values(
          keys.map((key) => ({
            ...key,
            limitTokens: limits[key.scope].tokens,
            limitMicros: limits[key.scope].micros,
            createdAt: now,
            updatedAt: now,
          })),
        )
        .onConflictDoNothing();

      for (const key of keys) {
        const admitted = await addReserved({ db: tx, key, limit: limits[key.scope], tokens, micros, now });
        if (!admitted) throw new Refused(await describeRefusal({ db: tx, key, limit: limits[key.scope], tokens, micros }));
      }
      return { ok: true, reservation: created, replayed: false } as const;
    });
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
}

/** The same request id again (a client retry, a duplicate delivery): answer with what exists, reserve nothing. */
async function replay({ db, requestId, userId }: { db: Db; requestId: string; userId: string }): Promise<ReserveResult> {
  const [existing] = await db.select().from(budgetReservations).where(eq(budgetReservations.requestId, requestId)).limit(1);
  if (!existing) throw new Error(`reservation ${requestId} conflicted but cannot be read`);
  if (existing.userId !== userId) throw new Error(`request id ${requestId} belongs to another user`);
  if (existing.status !== "open") return { ok: false, reason: "request_closed", reservation: existing };
  return { ok: true, reservation: existing, replayed: true };
}

function whereKey(key: CounterKey) {
  return and(eq(budgetCounters.scope, key.scope), eq(budgetCounters.scopeId, key.scopeId), eq(budgetCounters.periodStart, key.periodStart));
}

/**
 * The conditional UPDATE: true when the estimate fitted and is now reserved.
 * It also records the limit it checked against, so the row shows the limit in
 * force (a tier change or an override acts on today's counters at once).
 */
async function addReserved({ db, key, limit, tokens, micros, now }: { db: Db; key: CounterKey; limit: Limit; tokens: number; micros: number; now: Date }): Promise<boolean> {
  const rows = await db
    .update(budgetCounters)
    .set({
      reservedTokens: sql`${budgetCounters.reservedTokens} + ${tokens}`,
      reservedMicros: sql`${budgetCounters.reservedMicros} + ${micros}`,
      limitTokens: limit.tokens,
      limitMicros: limit.micros,
      updatedAt: now,
    })
    .where(
      and(
        whereKey(key),
        limit.tokens === null ? undefined : sql`${budgetCounters.spentTokens} + ${budgetCounters.reservedTokens} + ${tokens} <= ${limit.tokens}`,
        limit.micros === null ? undefined : sql`${budgetCounters.spentMicros} + ${budgetCounters.reservedMicros} + ${micros} <= ${limit.micros}`,
      ),
    )
    .returning({ scope: budgetCounters.scope });
  return rows.length === 1;
}

/** Which figure of a refusing scope ran out, and by how much (read under the row lock the UPDATE took or waited for). */
async function describeRefusal({ db, key, limit, tokens, micros }: { db: Db; key: CounterKey; limit: Limit; tokens: number; micros: number }): Promise<BudgetRefusal> {
  const [row] = await db.select().from(budgetCounters).where(whereKey(key)).limit(1);
  if (!row) throw new Error(`budget counter ${key.scope}/${key.scopeId} vanished during admission`);
  const usedTokens = row.spentTokens + row.reservedTokens;
  const usedMicros = row.spentMicros + row.reservedMicros;
  const tokensRanOut = limit.tokens !== null && usedTokens + tokens > limit.tokens;
  const microsRanOut = limit.micros !== null && usedMicros + micros > limit.micros;
  // This read sees commits made since the refusing UPDATE (a concurrent settle may
  // have freed room), so neither may look exhausted now: then name the unit that
  // has a limit at all, tokens first.
  const inTokens = tokensRanOut || (!microsRanOut && limit.tokens !== null);
  const base = { ok: false, reason: "budget_exceeded", scope: key.scope, renewsAt: renewsAt(key) } as const;
  return inTokens
    ? { ...base, unit: "tokens", limit: limit.tokens ?? 0, used: usedTokens, requested: tokens }
    : { ...base, unit: "micros", limit: limit.micros ?? 0, used: usedMicros, requested: micros };
}
