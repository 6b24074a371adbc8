import "server-only";
import { and, eq, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { budgetCounters, type BudgetScope, type UserTier } from "@/db/schema-budget";
import { getBudgetConfig, limitsFor, type BudgetConfig } from "./limits";
import { getUserOverride } from "./overrides";
import { counterKeysFor, periodsAt, renewsAt } from "./scopes";

export type ScopeStatus = {
  scope: BudgetScope;
  limitTokens: number | null;
  limitMicros: number | null;
  spentTokens: number;
  spentMicros: number;
  reservedTokens: number;
  reservedMicros: number;
  /** What is left for new requests (limit − spent − reserved, never below 0); null = unlimited. */
  remainingTokens: number | null;
  remainingMicros: number | null;
  /** The smaller of the two figures' remaining share, 0 to 1 (a meter's fill); null = unlimited. */
  remainingFraction: number | null;
  renewsAt: Date | null;
};

export type BudgetStatus = {
  scopes: ScopeStatus[];
  /** The scope closest to running out (smallest remainingFraction): what a single meter shows. Null when all are unlimited. */
  binding: ScopeStatus | null;
};

const remaining = (limit: number | null, spent: number, reserved: number) => (limit === null ? null : Math.max(0, limit - spent - reserved));

/** Tokens or cost, whichever is nearer its limit: either one refuses the next request. */
function fractionLeft(pairs: Array<[left: number | null, limit: number | null]>): number | null {
  const shares = pairs.flatMap(([left, limit]) => (left === null || limit === null ? [] : [limit === 0 ? 0 : left / limit]));
  return shares.length === 0 ? null : Math.min(...shares);
}

/**
 * The budget meter's figures for one user (and chat) now: per scope, the limit
 * in force (the same one admission would check), what is spent and reserved,
 * and when it renews. A scope without a counter row yet is simply untouched.
 * The deployment-wide scope is left out unless asked for (an admin view): it
 * tells a user nothing they can act on.
 */
export async function getBudgetStatus({
  db,
  userId,
  tier,
  chatId = null,
  includeGlobal = false,
  now = new Date(),
  config = getBudgetConfig(),
}: {
  db: Db;
  userId: string;
  tier: UserTier;
  chatId?: string | null;
  includeGlobal?: boolean;
  now?: Date;
  config?: BudgetConfig;
}): Promise<BudgetStatus> {
  const override = await getUserOverride({ db, userId });
  const limits = limitsFor({ tier, overrides: override?.overrides, config });
  const keys = counterKeysFor({ userId, chatId, ...periodsAt(now) }).filter((key) => includeGlobal || key.scope !== "global_day");
  const rows = await db
    .select()
    .from(budgetCounters)
    .where(or(...keys.map((key) => and(eq(budgetCounters.scope, key.scope), eq(budgetCounters.scopeId, key.scopeId), eq(budgetCounters.periodStart, key.periodStart)))));

  const scopes = keys.map((key): ScopeStatus => {
    const row = rows.find((candidate) => candidate.scope === key.scope);
    const limit = limits[key.scope];
    const spentTokens = row?.spentTokens ?? 0;
    const spentMicros = row?.spentMicros ?? 0;
    const reservedTokens = row?.reservedTokens ?? 0;
    const reservedMicros = row?.reservedMicros ?? 0;
    const remainingTokens = remaining(limit.tokens, spentTokens, reservedTokens);
    const remainingMicros = remaining(limit.micros, spentMicros, reservedMicros);
    return {
      scope: key.scope,
      limitTokens: limit.tokens,
      limitMicros: limit.micros,
      spentTokens,
      spentMicros,
      reservedTokens,
      reservedMicros,
      remainingTokens,
      remainingMicros,
      remainingFraction: fractionLeft([
        [remainingTokens, limit.tokens],
        [remainingMicros, limit.micros],
      ]),
      renewsAt: renewsAt(key),
    };
  });
  const binding = scopes.reduce<ScopeStatus | null>((best, next) => {
    if (next.remainingFraction === null) return best;
    return best === null || next.remainingFraction < (best.remainingFraction ?? 1) ? next : best;
  }, null);
  return { scopes, binding };
}
