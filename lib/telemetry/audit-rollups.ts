import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

export type RollupMismatch = { table: string; key: string; log: string; rollup: string };

/**
 * Recomputes the hourly rollups from the call log and lists every key where
 * they differ: empty when the log and its rollups agree. Scans the whole log,
 * so it is for tests, the seed command and an operator's check, not for pages.
 */
export async function auditCallRollups(db: Db): Promise<RollupMismatch[]> {
  const checks = [
    {
      table: "call_hourly",
      fromLog: sql`select date_trunc('hour', created_at) as hour, source, feature, provider, model_id, outcome,
        count(*)::bigint as calls, count(*) filter (where attempt <= 1)::bigint as requests, count(*) filter (where cardinality(repairs) > 0)::bigint as repaired_calls,
        sum(input_tokens)::bigint as input_tokens, sum(output_tokens)::bigint as output_tokens,
        sum(cost_micros)::bigint as cost_micros, sum(latency_ms)::bigint as latency_ms_sum
        from call_log group by 1, 2, 3, 4, 5, 6`,
      rollup: sql`select hour, source, feature, provider, model_id, outcome, calls::bigint, requests::bigint, repaired_calls::bigint, input_tokens, output_tokens, cost_micros, latency_ms_sum from call_hourly`,
      keyColumns: 6,
    },
    {
      table: "call_user_hourly",
      fromLog: sql`select date_trunc('hour', created_at) as hour, source, user_id, count(*)::bigint as calls,
        count(*) filter (where outcome in ('timeout', 'rate_limited', 'provider_error', 'invalid_output', 'budget_denied'))::bigint as failed_calls,
        sum(input_tokens)::bigint as input_tokens, sum(output_tokens)::bigint as output_tokens, sum(cost_micros)::bigint as cost_micros
        from call_log group by 1, 2, 3`,
      rollup: sql`select hour, source, user_id, calls::bigint, failed_calls::bigint, input_tokens, output_tokens, cost_micros from call_user_hourly`,
      keyColumns: 3,
    },
  ];
  const mismatches: RollupMismatch[] = [];
  for (const check of checks) {
    const [fromLog, rollup] = await Promise.all([db.execute(check.fromLog), db.execute(check.rollup)]);
    const keyed = (rows: Iterable<Record<string, unknown>>) =>
      new Map(
        [...rows].map((row) => {
          const values = Object.values(row).map((value) => (value instanceof Date ? value.toISOString() : String(value)));
          return [values.slice(0, check.keyColumns).join("|"), values.slice(check.keyColumns).join("|")] as const;
        }),
      );
    const a = keyed(rowsOf(fromLog));
    const b = keyed(rowsOf(rollup));
    for (const key of new Set([...a.keys(), ...b.keys()])) {
      if (a.get(key) !== b.get(key)) mismatches.push({ table: check.table, key, log: a.get(key) ?? "(none)", rollup: b.get(key) ?? "(none)" });
    }
  }
  return mismatches;
}

/** PGlite answers `{ rows }`, postgres.js an array of rows. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return (result as { rows: Record<string, unknown>[] }).rows;
}
