import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { callHourly, callLatencyHourly, callLog, callUserHourly } from "@/db/schema";
import type { CallRow } from "./call-row";
import { latencyBucket } from "./latency-buckets";

const HOUR_MS = 3_600_000;
const FAILED = new Set(["timeout", "rate_limited", "provider_error", "invalid_output", "budget_denied"]);

function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/** Sums rows into one entry per key, in key order (a fixed lock order: concurrent writers cannot deadlock). */
function rollUp<R, T extends object>(rows: readonly R[], keyOf: (row: R) => string, start: (row: R) => T, add: (into: T, row: R) => void): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) {
    const key = keyOf(row);
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = start(row)));
    add(entry, row);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);
}

/**
 * Writes call-log rows and folds them into the hourly rollups, in one
 * transaction, so the rollups always equal the log. Idempotent: a row whose
 * (request, attempt) is already logged is skipped and not counted again.
 */
export async function writeCallRows(db: Db, rows: readonly CallRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(callLog)
      .values(rows.map((row) => ({ ...row })))
      .onConflictDoNothing({ target: [callLog.requestId, callLog.attempt] })
      .returning();
    if (inserted.length === 0) return 0;
    const fresh: CallRow[] = inserted.map(({ id: _id, ...row }) => row);

    const hourly = rollUp(
      fresh,
      (row) => [hourOf(row.createdAt).toISOString(), row.source, row.feature, row.provider, row.modelId, row.outcome].join("\u0000"),
      (row) => ({ hour: hourOf(row.createdAt), source: row.source, feature: row.feature, provider: row.provider, modelId: row.modelId, outcome: row.outcome, calls: 0, requests: 0, repairedCalls: 0, inputTokens: 0, outputTokens: 0, costMicros: 0, latencyMsSum: 0 }),
      (into, row) => {
        into.calls += 1;
        into.requests += row.attempt <= 1 ? 1 : 0;
        into.repairedCalls += row.repairs.length > 0 ? 1 : 0;
        into.inputTokens += row.inputTokens;
        into.outputTokens += row.outputTokens;
        into.costMicros += row.costMicros;
        into.latencyMsSum += row.latencyMs;
      },
    );
    await tx
      .insert(callHourly)
      .values(hourly)
      .onConflictDoUpdate({
        target: [callHourly.hour, callHourly.source, callHourly.feature, callHourly.provider, callHourly.modelId, callHourly.outcome],
        set: {
          calls: sql`${callHourly.calls} + excluded.calls`,
          requests: sql`${callHourly.requests} + excluded.requests`,
          repairedCalls: sql`${callHourly.repairedCalls} + excluded.repaired_calls`,
          inputTokens: sql`${callHourly.inputTokens} + excluded.input_tokens`,
          outputTokens: sql`${callHourly.outputTokens} + excluded.output_tokens`,
          costMicros: sql`${callHourly.costMicros} + excluded.cost_micros`,
          latencyMsSum: sql`${callHourly.latencyMsSum} + excluded.latency_ms_sum`,
        },
      });

    const perUser = rollUp(
      fresh,
      (row) => [hourOf(row.createdAt).toISOString(), row.source, row.userId].join("\u0000"),
      (row) => ({ hour: hourOf(row.createdAt), source: row.source, userId: row.userId, calls: 0, failedCalls: 0, inputTokens: 0, outputTokens: 0, costMicros: 0 }),
      (into, row) => {
        into.calls += 1;
        into.failedCalls += FAILED.has(row.outcome) ? 1 : 0;
        into.inputTokens += row.inputTokens;
        into.outputTokens += row.outputTokens;
        into.costMicros += row.costMicros;
      },
    );
    await tx
      .insert(callUserHourly)
      .values(perUser)
      .onConflictDoUpdate({
        target: [callUserHourly.hour, callUserHourly.source, callUserHourly.userId],
        set: {
          calls: sql`${callUserHourly.calls} + excluded.calls`,
          failedCalls: sql`${callUserHourly.failedCalls} + excluded.failed_calls`,
          inputTokens: sql`${callUserHourly.inputTokens} + excluded.input_tokens`,
          outputTokens: sql`${callUserHourly.outputTokens} + excluded.output_tokens`,
          costMicros: sql`${callUserHourly.costMicros} + excluded.cost_micros`,
        },
      });

    // Only attempts that reached a model have a latency worth a percentile.
    const timed = fresh.filter((row) => row.outcome !== "budget_denied");
    const samples = timed.flatMap((row) => [
      { row, metric: "latency" as const, bucket: latencyBucket(row.latencyMs) },
      ...(row.firstTokenMs === null ? [] : [{ row, metric: "first_token" as const, bucket: latencyBucket(row.firstTokenMs) }]),
    ]);
    const latency = rollUp(
      samples,
      ({ row, metric, bucket }) => [hourOf(row.createdAt).toISOString(), row.source, row.modelId, metric, String(bucket).padStart(3, "0")].join("\u0000"),
      ({ row, metric, bucket }) => ({ hour: hourOf(row.createdAt), source: row.source, modelId: row.modelId, metric, bucket, calls: 0 }),
      (into) => {
        into.calls += 1;
      },
    );
    if (latency.length > 0) {
      await tx
        .insert(callLatencyHourly)
        .values(latency)
        .onConflictDoUpdate({
          target: [callLatencyHourly.hour, callLatencyHourly.source, callLatencyHourly.modelId, callLatencyHourly.metric, callLatencyHourly.bucket],
          set: { calls: sql`${callLatencyHourly.calls} + excluded.calls` },
        });
    }
    return inserted.length;
  });
}
