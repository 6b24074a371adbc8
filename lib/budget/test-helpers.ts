import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { budgetCounters, budgetReservations, type BudgetScope } from "@/db/schema-budget";
import { parseBudgetConfig, type BudgetConfig } from "./limits";
import type { ReserveEstimate } from "./reserve";
import { GLOBAL_SCOPE_ID, SESSION_PERIOD_START, startOfUtcDay, startOfUtcMonth } from "./scopes";

/** A budget configuration built from explicit variables only (never the test runner's environment). */
export function testConfig(env: Record<string, string> = {}): BudgetConfig {
  return parseBudgetConfig(env);
}

/** 200 input + 800 output tokens on the mock model: 1,000 tokens, 510 nominal micros. */
export const SMALL_ESTIMATE: ReserveEstimate = { inputTokens: 200, maxOutputTokens: 800, modelIds: ["mock-ok"] };

/** A unique id per test, so tests can share one database without seeing each other's rows. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/** The counter row of one scope at `at` (null when admission never created it). */
export async function readCounter({
  db,
  scope,
  userId,
  chatId,
  at,
}: {
  db: Db;
  scope: BudgetScope;
  userId?: string;
  chatId?: string;
  at: Date;
}): Promise<typeof budgetCounters.$inferSelect | null> {
  const scopeId = scope === "session" ? chatId : scope === "global_day" ? GLOBAL_SCOPE_ID : userId;
  if (!scopeId) throw new Error(`readCounter(${scope}) needs its scope id`);
  const periodStart = scope === "session" ? SESSION_PERIOD_START : scope === "user_month" ? startOfUtcMonth(at) : startOfUtcDay(at);
  const [row] = await db
    .select()
    .from(budgetCounters)
    .where(and(eq(budgetCounters.scope, scope), eq(budgetCounters.scopeId, scopeId), eq(budgetCounters.periodStart, periodStart)));
  return row ?? null;
}

export async function readReservation({ db, requestId }: { db: Db; requestId: string }): Promise<typeof budgetReservations.$inferSelect | null> {
  const [row] = await db.select().from(budgetReservations).where(eq(budgetReservations.requestId, requestId));
  return row ?? null;
}
