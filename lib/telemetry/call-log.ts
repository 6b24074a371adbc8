import "server-only";
import { getDb } from "@/db/client";
import type { CallSource } from "@/db/schema";
import { priceIdOf, type ChainModel } from "@/lib/ai/registry";
import { getBudgetConfig } from "@/lib/budget/limits";
import { countTokens } from "@/lib/context/count-tokens";
import { BallastError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";
import { budgetDeniedRow, callRowsFromAttempts, type CallRow, type LoggedAttempt } from "./call-row";
import { writeCallRows } from "./write-calls";

/*
 * The request path's call-log step. Writes happen off the hot path: the reply
 * has been streamed and settled before the rows are written, and a failed
 * write is logged, never surfaced to the user. flushCallLog() waits for the
 * writes in flight (tests, evals, shutdown).
 */

const globalForCallLog = globalThis as unknown as { __ballastCallLogWrites?: Set<Promise<void>> };
const pending = (globalForCallLog.__ballastCallLogWrites ??= new Set());

/** Queues rows for writing and returns at once. */
export function logCallRows(rows: readonly CallRow[]): void {
  if (rows.length === 0) return;
  const write = writeRows(rows).finally(() => pending.delete(write));
  pending.add(write);
}

async function writeRows(rows: readonly CallRow[]): Promise<void> {
  try {
    await writeCallRows(await getDb(), rows);
  } catch (error) {
    logger.error({ err: error, requestId: rows[0]?.requestId, rows: rows.length }, "call log write failed; the reply was not affected");
  }
}

/** Resolves when every queued call-log write has finished (written or logged as failed). */
export async function flushCallLog(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

export type CallContext = {
  requestId: string;
  source?: CallSource;
  userId: string;
  chatId: string | null;
  feature: string;
  chain: readonly ChainModel[];
  /** The input tokens admission counted (the estimate for a stream cut before usage arrived). */
  inputTokens: number;
  startedAt: Date;
};

function providerOf(chain: readonly ChainModel[], modelId: string): string {
  return chain.find((entry) => entry.id === modelId)?.model.provider ?? "unknown";
}

/** Request-path step after settle: one call-log row per attempt of the request. */
export function logAttempts(context: CallContext, attempts: readonly LoggedAttempt[]): void {
  const { chain } = context;
  const priceIds = new Map(chain.map((entry) => [entry.id, priceIdOf(entry)]));
  logCallRows(
    callRowsFromAttempts(
      {
        requestId: context.requestId,
        source: context.source ?? "app",
        userId: context.userId,
        chatId: context.chatId,
        feature: context.feature,
        providerOf: (modelId) => providerOf(chain, modelId),
        priceIdOf: (modelId) => priceIds.get(modelId) ?? modelId,
        inputTokens: context.inputTokens,
        countTokens,
        extraPrices: getBudgetConfig().extraPrices,
        startedAt: context.startedAt,
      },
      attempts,
    ),
  );
}

/** Logs a budget refusal (a `budget_exceeded:*` error) as one row with no model call; other errors are not calls. */
export function logBudgetDenial(context: Omit<CallContext, "inputTokens" | "startedAt">, error: unknown): void {
  if (!(error instanceof BallastError) || !error.code.startsWith("budget_exceeded:")) return;
  const primary = context.chain[0];
  logCallRows([
    budgetDeniedRow({
      requestId: context.requestId,
      source: context.source ?? "app",
      userId: context.userId,
      chatId: context.chatId,
      feature: context.feature,
      provider: primary?.model.provider ?? "unknown",
      modelId: primary?.id ?? "unknown",
      code: error.code,
      message: error.message,
    }),
  ]);
}
