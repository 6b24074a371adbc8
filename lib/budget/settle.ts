import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { budgetCounters, budgetReservations, usageEvents } from "@/db/schema-budget";
import { getBudgetConfig, type BudgetConfig } from "./limits";
import { costMicros, findPrice, requirePrice } from "./prices";
import { counterKeysFor } from "./scopes";

/** What one model call of the request used: the provider's usage, or the caller's estimate when the stream broke first. */
export type AttemptUsage = {
  /** 1-based, unique within the request. */
  attempt: number;
  modelId: string;
  inputTokens: number;
  outputTokens: number;
  /** True when these are the caller's own count (the stream was cut before the provider's usage arrived). */
  estimated?: boolean;
};

export type SettleResult =
  | {
      status: "settled";
      tokens: number;
      micros: number;
      /** The reservation had expired (the sweep released it) before this settle: usage was still counted. */
      late: boolean;
    }
  /** Settled before: nothing was counted again. */
  | { status: "already_settled"; tokens: number; micros: number }
  /** No reservation has this id (admission refused it, or it never reserved). */
  | { status: "unknown_request" };

function assertUsage(usage: readonly AttemptUsage[]): void {
  const seen = new Set<number>();
  for (const item of usage) {
    for (const [name, value] of Object.entries({ attempt: item.attempt, inputTokens: item.inputTokens, outputTokens: item.outputTokens })) {
      if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`usage ${name} must be a non-negative integer, got ${value}`);
    }
    if (item.attempt < 1 || seen.has(item.attempt)) throw new RangeError(`usage attempts must be distinct and start at 1, got ${item.attempt} twice or below 1`);
    seen.add(item.attempt);
  }
}

/**
 * Settles a request exactly once: records one usage event per attempt and
 * moves the request from reserved to spent in every scope it reserved in.
 *
 * The reservation row is locked first (`SELECT … FOR UPDATE`), so two settles
 * of one request queue up and the second finds it settled (`already_settled`,
 * nothing counted twice). Counters are found through the reservation's period
 * starts, so a request admitted at 23:59:59 settles into that day even when it
 * ends after midnight.
 *
 * Real usage may exceed the estimate (providers count differently, retries
 * add calls). Spent then goes past the limit: that is the truth of what was
 * paid for, and the next admission in that scope is refused.
 *
 * An aborted or failed request settles too, with whatever it used (possibly
 * zero attempts): the reservation is released either way.
 */
export async function settle({
  db,
  requestId,
  usage,
  now = new Date(),
  config = getBudgetConfig(),
}: {
  db: Db;
  requestId: string;
  usage: readonly AttemptUsage[];
  now?: Date;
  config?: BudgetConfig;
}): Promise<SettleResult> {
  assertUsage(usage);
  return db.transaction(async (tx) => {
    const [reservation] = await tx.select().from(budgetReservations).where(eq(budgetReservations.requestId, requestId)).for("update");
    if (!reservation) return { status: "unknown_request" } as const;
    if (reservation.status === "settled") {
      return { status: "already_settled", tokens: reservation.settledTokens ?? 0, micros: reservation.settledMicros ?? 0 } as const;
    }

    const events = usage.map((item) => {
      // Admission priced the whole chain, so a model missing here is one the
      // price table lost since: bill it at the reservation's price, not for free.
      const price =
        findPrice({ modelId: item.modelId, at: now, extra: config.extraPrices }) ??
        requirePrice({ modelId: reservation.pricedModelId, at: now, extra: config.extraPrices });
      return {
        requestId,
        attempt: item.attempt,
        userId: reservation.userId,
        chatId: reservation.chatId,
        modelId: item.modelId,
        pricedAs: price.modelId,
        inputTokens: item.inputTokens,
        outputTokens: item.outputTokens,
        costMicros: costMicros({ price, inputTokens: item.inputTokens, outputTokens: item.outputTokens }),
        estimated: item.estimated ?? false,
        createdAt: now,
      };
    });
    if (events.length > 0) await tx.insert(usageEvents).values(events);

    const tokens = events.reduce((sum, event) => sum + event.inputTokens + event.outputTokens, 0);
    const micros = events.reduce((sum, event) => sum + event.costMicros, 0);
    // An expired reservation's amounts were already returned by the sweep.
    const releaseTokens = reservation.status === "open" ? reservation.reservedTokens : 0;
    const releaseMicros = reservation.status === "open" ? reservation.reservedMicros : 0;

    for (const key of counterKeysFor(reservation)) {
      const updated = await tx
        .update(budgetCounters)
        .set({
          spentTokens: sql`${budgetCounters.spentTokens} + ${tokens}`,
          spentMicros: sql`${budgetCounters.spentMicros} + ${micros}`,
          reservedTokens: sql`${budgetCounters.reservedTokens} - ${releaseTokens}`,
          reservedMicros: sql`${budgetCounters.reservedMicros} - ${releaseMicros}`,
          updatedAt: now,
        })
        .where(and(eq(budgetCounters.scope, key.scope), eq(budgetCounters.scopeId, key.scopeId), eq(budgetCounters.periodStart, key.periodStart)))
        .returning({ scope: budgetCounters.scope });
      if (updated.length !== 1) throw new Error(`budget counter ${key.scope}/${key.scopeId} missing for reservation ${requestId}`);
    }

    await tx
      .update(budgetReservations)
      .set({ status: "settled", settledTokens: tokens, settledMicros: micros, settledAt: now })
      .where(eq(budgetReservations.requestId, requestId));
    return { status: "settled", tokens, micros, late: reservation.status === "expired" } as const;
  });
}
