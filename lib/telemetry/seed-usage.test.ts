import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "@/db/client";
import { costMicros, findPrice } from "@/lib/budget/prices";
import { createTestDatabase, pgServerReachable, PG_ADMIN_URL } from "@/test/pg-server";
import { auditCallRollups } from "./audit-rollups";
import { latencyBucket } from "./latency-buckets";
import { clearSeedUsage, latencyBucketStarts, seedUsage } from "./seed-usage";
import { writeCallRows } from "./write-calls";

/*
 * The synthetic seed, on PGlite and (when one answers) a PostgreSQL server:
 * exactly the rows asked for, all marked 'seed', priced by the price table,
 * bucketed as write-calls.ts buckets, with rollups the audit finds equal to
 * the log; clearing removes them and nothing else.
 */

const NOW = new Date("2026-11-20T15:37:12.345Z");
type Num = string | number | bigint | null;

async function rows<T>(handle: DbHandle, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await handle.db.execute(query)) as unknown;
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

function describeSeed(label: string, open: () => Promise<{ handle: DbHandle; drop?: () => Promise<void> } | null>) {
  describe(`seed-usage on ${label}`, async () => {
    let handle: DbHandle;
    let drop: (() => Promise<void>) | undefined;
    const opened = await open();
    const skipped = opened === null;

    beforeAll(async () => {
      if (!opened) return;
      ({ handle, drop } = opened);
      // Real usage that the seed must leave alone.
      await writeCallRows(handle.db, [
        {
          outcome: "ok", errorClass: null, errorMessage: null, createdAt: new Date(NOW.getTime() - 3_600_000), requestId: "real-1", attempt: 1, source: "app", userId: "alice", chatId: null,
          feature: "reply", provider: "offline", modelId: "offline", inputTokens: 120, outputTokens: 80, costMicros: 66, latencyMs: 900, firstTokenMs: 250, repairs: [], fault: null,
        },
      ]);
    });
    afterAll(async () => {
      await handle?.close();
      await drop?.();
    });

    it.skipIf(skipped)("writes exactly the rows asked for, marked synthetic, inside the range, with rollups equal to the log", async () => {
      const result = await seedUsage(handle.db, { rows: 3000, days: 7, users: 25, now: NOW });
      expect(result.rows).toBe(3000);
      const [summary] = await rows<{ rows: Num; users: Num; first: Date; last: Date; sources: string[] }>(
        handle,
        sql`select count(*) as rows, count(distinct user_id) as users, min(created_at) as first, max(created_at) as last, array_agg(distinct source) as sources
            from call_log where request_id like 'seed-%'`,
      );
      expect(Number(summary!.rows)).toBe(3000);
      expect(summary!.sources).toEqual(["seed"]);
      expect(Number(summary!.users)).toBeLessThanOrEqual(25);
      expect(new Date(summary!.first).getTime()).toBeGreaterThanOrEqual(result.from.getTime());
      expect(new Date(summary!.last).getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(await auditCallRollups(handle.db)).toEqual([]);
    });

    it.skipIf(skipped)("prices every row with the price table and buckets its latency as write-calls.ts does", async () => {
      const logged = await rows<{ model_id: string; created_at: Date; input_tokens: number; output_tokens: number; cost_micros: Num; latency_ms: number; first_token_ms: number | null; outcome: string; hour: Date }>(
        handle,
        sql`select model_id, created_at, input_tokens, output_tokens, cost_micros, latency_ms, first_token_ms, outcome, date_trunc('hour', created_at, 'UTC') as hour from call_log where source = 'seed'`,
      );
      for (const row of logged) {
        const price = findPrice({ modelId: row.model_id, at: new Date(row.created_at) })!;
        expect(Number(row.cost_micros)).toBe(costMicros({ price, inputTokens: row.input_tokens, outputTokens: row.output_tokens }));
      }
      const expected = new Map<string, number>();
      const add = (key: string) => expected.set(key, (expected.get(key) ?? 0) + 1);
      for (const row of logged) {
        if (row.outcome === "budget_denied") continue;
        const hour = new Date(row.hour).toISOString();
        add(`${hour}|${row.model_id}|latency|${latencyBucket(row.latency_ms)}`);
        if (row.first_token_ms !== null) add(`${hour}|${row.model_id}|first_token|${latencyBucket(row.first_token_ms)}`);
      }
      const histogram = await rows<{ hour: Date; model_id: string; metric: string; bucket: number; calls: Num }>(
        handle,
        sql`select hour, model_id, metric, bucket, calls from call_latency_hourly where source = 'seed'`,
      );
      expect(new Map(histogram.map((row) => [`${new Date(row.hour).toISOString()}|${row.model_id}|${row.metric}|${row.bucket}`, Number(row.calls)]))).toEqual(expected);
      // Every outcome the page charts appears in a realistic month.
      const outcomes = new Set(logged.map((row) => row.outcome));
      for (const outcome of ["ok", "repaired", "retried", "budget_denied"]) expect(outcomes).toContain(outcome);
    });

    it.skipIf(skipped)("adds a second run beside the first, and clearing removes every seed row and rollup but not real usage", async () => {
      await seedUsage(handle.db, { rows: 500, days: 2, users: 5, now: NOW });
      expect(await auditCallRollups(handle.db)).toEqual([]);
      expect(await clearSeedUsage(handle.db)).toBe(3500);
      const left = await rows<{ source: string; n: Num }>(
        handle,
        sql`select 'log:' || source as source, count(*) as n from call_log group by 1
            union all select 'hourly:' || source, count(*) from call_hourly group by 1
            union all select 'user:' || source, count(*) from call_user_hourly group by 1
            union all select 'latency:' || source, count(*) from call_latency_hourly group by 1`,
      );
      expect(Object.fromEntries(left.map((row) => [row.source, Number(row.n)]))).toEqual({ "log:app": 1, "hourly:app": 1, "user:app": 1, "latency:app": 2 });
      expect(await auditCallRollups(handle.db)).toEqual([]);
    });
  });
}

describe("latency bucket starts for SQL's width_bucket", () => {
  it("put every integer latency in the bucket latencyBucket gives it", () => {
    const { starts, buckets } = latencyBucketStarts();
    const viaStarts = (ms: number) => {
      // width_bucket: the last start not above ms (0 below the first).
      let low = 0;
      let high = starts.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (starts[mid]! <= ms) low = mid + 1;
        else high = mid;
      }
      return low === 0 ? 0 : buckets[low - 1]!;
    };
    for (let ms = 0; ms <= 200_000; ms++) if (viaStarts(ms) !== latencyBucket(ms)) expect.fail(`${ms} ms: ${viaStarts(ms)} vs ${latencyBucket(ms)}`);
    for (const ms of [1_000_000, 9_999_999, 123_456_789, 2_000_000_000]) expect(viaStarts(ms)).toBe(latencyBucket(ms));
  });
});

describeSeed("PGlite", async () => ({ handle: await openDb({ dataDir: "memory://" }) }));
describeSeed("PostgreSQL server", async () => {
  if (!(await pgServerReachable())) {
    console.warn(`\n!!! SKIPPED: no PostgreSQL server at ${PG_ADMIN_URL}; the seed ran on PGlite only.\n`);
    return null;
  }
  const database = await createTestDatabase("ballast_seed");
  return { handle: await openDb({ url: database.url }), drop: database.drop };
});
