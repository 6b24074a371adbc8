import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { budgetOverrides } from "@/db/schema-budget";
import type { LimitOverrides } from "./limits";

export type UserOverride = { userId: string; overrides: LimitOverrides; setBy: string; updatedAt: Date };

type OverrideRow = typeof budgetOverrides.$inferSelect;

/** Null columns inherit the tier's figure; present ones replace it. */
function toOverrides(row: OverrideRow): LimitOverrides {
  const pick = (tokens: number | null, micros: number | null) => ({
    ...(tokens !== null && { tokens }),
    ...(micros !== null && { micros }),
  });
  return {
    user_day: pick(row.dayTokens, row.dayMicros),
    user_month: pick(row.monthTokens, row.monthMicros),
    session: pick(row.sessionTokens, row.sessionMicros),
  };
}

function assertLimit(value: number | undefined): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new RangeError(`a budget limit must be a non-negative integer, got ${value}`);
  }
}

/**
 * Sets one user's limits (an admin action), replacing any earlier override
 * entirely: what the admin submitted is what holds. It applies to the user's
 * next admission, today's counters included (admission checks the limit in force).
 */
export async function setUserOverride({
  db,
  userId,
  overrides,
  setBy,
  now = new Date(),
}: {
  db: Db;
  userId: string;
  overrides: LimitOverrides;
  setBy: string;
  now?: Date;
}): Promise<UserOverride> {
  for (const scope of Object.values(overrides)) {
    assertLimit(scope?.tokens);
    assertLimit(scope?.micros);
  }
  const columns = {
    dayTokens: overrides.user_day?.tokens ?? null,
    dayMicros: overrides.user_day?.micros ?? null,
    monthTokens: overrides.user_month?.tokens ?? null,
    monthMicros: overrides.user_month?.micros ?? null,
    sessionTokens: overrides.session?.tokens ?? null,
    sessionMicros: overrides.session?.micros ?? null,
    setBy,
    updatedAt: now,
  };
  const [row] = await db
    .insert(budgetOverrides)
    .values({ userId, ...columns })
    .onConflictDoUpdate({ target: budgetOverrides.userId, set: columns })
    .returning();
  if (!row) throw new Error("upsert into budget_overrides returned no row");
  return { userId: row.userId, overrides: toOverrides(row), setBy: row.setBy, updatedAt: row.updatedAt };
}

/** One user's override, or null when their tier's limits apply unchanged. */
export async function getUserOverride({ db, userId }: { db: Db; userId: string }): Promise<UserOverride | null> {
  const [row] = await db.select().from(budgetOverrides).where(eq(budgetOverrides.userId, userId)).limit(1);
  return row ? { userId: row.userId, overrides: toOverrides(row), setBy: row.setBy, updatedAt: row.updatedAt } : null;
}

/** Removes one user's override: their tier's limits apply again. */
export async function clearUserOverride({ db, userId }: { db: Db; userId: string }): Promise<boolean> {
  const deleted = await db.delete(budgetOverrides).where(eq(budgetOverrides.userId, userId)).returning({ userId: budgetOverrides.userId });
  return deleted.length > 0;
}
