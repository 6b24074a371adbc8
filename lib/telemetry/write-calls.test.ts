import { count, sum } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/ai/faults";
import { openDb, type DbHandle } from "@/db/client";
import { CALL_OUTCOMES, callHourly, callLatencyHourly, callLog } from "@/db/schema";
import { auditCallRollups } from "./audit-rollups";
import type { CallRow } from "./call-row";
import { writeCallRows } from "./write-calls";

let handle: DbHandle;
beforeAll(async () => {
  handle = await openDb({ dataDir: "memory://" });
});
afterAll(async () => {
  await handle?.close();
});

function rows(count: number, seed: number): CallRow[] {
  const next = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const outcome = pick(CALL_OUTCOMES);
    return {
      outcome,
      errorClass: outcome === "ok" ? null : "x",
      errorMessage: null,
      createdAt: new Date(Date.UTC(2026, 10, 1 + Math.floor(next() * 3), Math.floor(next() * 24), Math.floor(next() * 60))),
      requestId: `req-${seed}-${i}`,
      attempt: 1,
      source: pick(["app", "eval"] as const),
      userId: pick(["u1", "u2", "u3"]),
      chatId: null,
      feature: pick(["reply", "summarize"]),
      provider: "openai.chat",
      modelId: pick(["gpt-4o-mini", "gpt-4o"]),
      inputTokens: Math.floor(next() * 2000),
      outputTokens: Math.floor(next() * 400),
      costMicros: Math.floor(next() * 900),
      latencyMs: Math.floor(next() * 5000),
      firstTokenMs: next() < 0.8 ? Math.floor(next() * 900) : null,
      repairs: next() < 0.3 ? ["removed_code_fence"] : [],
      fault: null,
    };
  });
}

describe("writeCallRows", () => {
  it("keeps the hourly rollups equal to the log, and writing the same attempts again counts nothing twice", async () => {
    const batches = [rows(300, 1), rows(300, 2), rows(5, 3)];
    await Promise.all(batches.map((batch) => writeCallRows(handle.db, batch)));
    expect(await writeCallRows(handle.db, batches[0]!)).toBe(0);

    expect(await auditCallRollups(handle.db)).toEqual([]);
    const [logged] = await handle.db.select({ calls: count(), cost: sum(callLog.costMicros) }).from(callLog);
    const [rolled] = await handle.db.select({ calls: sum(callHourly.calls), cost: sum(callHourly.costMicros) }).from(callHourly);
    expect(logged?.calls).toBe(605);
    expect(Number(rolled?.calls)).toBe(605);
    expect(Number(rolled?.cost)).toBe(batches.flat().reduce((total, row) => total + row.costMicros, 0));
    expect(Number(logged?.cost)).toBe(Number(rolled?.cost));

    // One latency sample per timed call, one first-token sample per call that had one.
    const timed = batches.flat().filter((row) => row.outcome !== "budget_denied");
    const [latency] = await handle.db.select({ samples: sum(callLatencyHourly.calls) }).from(callLatencyHourly);
    expect(Number(latency?.samples)).toBe(timed.length + timed.filter((row) => row.firstTokenMs !== null).length);
  });
});
