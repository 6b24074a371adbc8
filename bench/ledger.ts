/**
 * Budget ledger throughput on the local Postgres server: reserve + settle
 * pairs per second (lib/budget/reserve.ts and settle.ts, exactly as the
 * request path calls them) at 1, 8, 32 and 64 concurrent clients, against a
 * bare single-row `UPDATE … SET n = n + 1` loop on the same server as the
 * reference ceiling. Sides alternate round by round.
 *
 * Clients come in groups of four sharing one guest, whose small daily budget
 * they spend down together, racing for its last tokens, before the group
 * moves on to a new guest: refusals happen all the time. Every settle charges
 * exactly the reserved worst case, so a single over-admission would show as a
 * counter spent past its limit: the overspend count.
 *
 *   npm run bench:ledger [-- --quick]      (BENCH_CLIENTS=1,32 picks the client counts)
 */
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { openDb, type Db } from "@/db/client";
import * as schema from "@/db/schema";
import { auditLedger } from "@/lib/budget/audit";
import { parseBudgetConfig } from "@/lib/budget/limits";
import { reserve, type ReserveEstimate } from "@/lib/budget/reserve";
import { settle } from "@/lib/budget/settle";
import { createTestDatabase, pgServerReachable, PG_ADMIN_URL } from "@/test/pg-server";
import { alternate } from "./lib/alternate";
import { benchArgs, machineLine } from "./lib/args";
import { cpuSince, cpuSnapshot, type CpuGroups } from "./lib/cpu-usage";
import { median } from "./lib/stats";
import { fmt, printTable, ratio } from "./lib/table";

const args = benchArgs();
const CLIENTS = process.env.BENCH_CLIENTS ? process.env.BENCH_CLIENTS.split(",").map(Number) : [1, 8, 32, 64];
const ROUNDS = args.quick ? 1 : 3;
const ROUND_MS = args.quick ? 1_000 : 3_000;

/** One chat request's worst case: 200 input + 800 output tokens on a nominally priced model. */
const ESTIMATE: ReserveEstimate = { inputTokens: 200, maxOutputTokens: 800, modelIds: ["mock-ok"] };
const PAIR_TOKENS = ESTIMATE.inputTokens + ESTIMATE.maxOutputTokens;
/** Eight requests a day per guest: a group of clients runs into its guest's limit every ninth reserve or so. */
const DAY_TOKENS = 8 * PAIR_TOKENS;
const CLIENTS_PER_GUEST = 4;
const config = parseBudgetConfig({
  BUDGET_GUEST_DAY_TOKENS: String(DAY_TOKENS),
  BUDGET_GUEST_DAY_MICROS: "unlimited",
  BUDGET_GUEST_MONTH_TOKENS: "1000000000000",
  BUDGET_GUEST_MONTH_MICROS: "1000000000000",
  BUDGET_GUEST_SESSION_TOKENS: "1000000000000",
  BUDGET_GUEST_SESSION_MICROS: "1000000000000",
  BUDGET_GLOBAL_DAY_TOKENS: "1000000000000",
  BUDGET_GLOBAL_DAY_MICROS: "1000000000000",
});

type Side = "ledger" | "update";
type RoundResult = { perSecond: number; refused: number; statementsPerOperation: number; cpu: { node: number; postgres: number } };

/** The guest a group of clients is spending down; the group moves to a new one when it is refused. */
type Group = { name: string; generation: number };

async function ledgerClient(db: Db, until: number, group: Group): Promise<{ pairs: number; refused: number }> {
  let pairs = 0;
  let refused = 0;
  while (performance.now() < until) {
    const requestId = crypto.randomUUID();
    const generation = group.generation;
    const userId = `${group.name}-${generation}`;
    const admitted = await reserve({ db, requestId, userId, tier: "guest", chatId: `chat-${userId}`, estimate: ESTIMATE, config });
    if (!admitted.ok) {
      refused++;
      // This guest's day is spent: the group's next requests come from a new one (once, whichever client sees it first).
      if (group.generation === generation) group.generation++;
      continue;
    }
    const settled = await settle({ db, requestId, usage: [{ attempt: 1, modelId: "mock-ok", inputTokens: ESTIMATE.inputTokens, outputTokens: ESTIMATE.maxOutputTokens }], config });
    if (settled.status !== "settled") throw new Error(`settle of ${requestId}: ${settled.status}`);
    pairs++;
  }
  return { pairs, refused };
}

async function updateClient(sql: postgres.Sql, until: number): Promise<{ pairs: number; refused: number }> {
  let updates = 0;
  while (performance.now() < until) {
    await sql`update bench_counter set n = n + 1 where id = 1`;
    updates++;
  }
  return { pairs: updates, refused: 0 };
}

async function main(): Promise<void> {
  if (!(await pgServerReachable())) {
    console.warn(`\n!!! SKIPPED: the ledger benchmark needs a PostgreSQL server at ${PG_ADMIN_URL}\n`);
    return;
  }
  const database = await createTestDatabase("ballast_bench_ledger");
  const name = new URL(database.url).pathname.slice(1);
  const admin = postgres(PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  // One connection per client, as one app process per client would have.
  let statements = 0;
  const client = postgres(database.url, {
    max: Math.max(...CLIENTS),
    onnotice: () => {},
    // Counts what each pair sends: every statement is a round trip to the server.
    debug: () => {
      statements++;
    },
  });
  try {
    const migrated = await openDb({ url: database.url });
    await migrated.close();
    const db: Db = drizzle(client, { schema });
    await client`create table bench_counter (id int primary key, n bigint not null)`;
    await client`insert into bench_counter values (1, 0)`;
    const cpuGroups: CpuGroups = {
      node: () => [process.pid],
      postgres: async () => (await admin<Array<{ pid: number }>>`select pid from pg_stat_activity where datname = ${name}`).map((row) => row.pid),
    };

    // Warm-up: open every connection, plan every statement.
    const groupsFor = (clients: number, round: number | string) =>
      Array.from({ length: Math.ceil(clients / CLIENTS_PER_GUEST) }, (_, g): Group => ({ name: `bench-${clients}-${round}-${g}`, generation: 0 }));
    const warmUp = groupsFor(Math.max(...CLIENTS), "warm-up");
    await Promise.all(Array.from({ length: Math.max(...CLIENTS) }, (_, i) => ledgerClient(db, performance.now() + 500, warmUp[Math.floor(i / CLIENTS_PER_GUEST)]!)));

    const rows: Array<Array<string | number>> = [];
    for (const clients of CLIENTS) {
      const results = await alternate<Side, RoundResult>({
        sides: ["ledger", "update"],
        rounds: ROUNDS,
        pauseMs: 300,
        run: async (side, round) => {
          const before = await cpuSnapshot(cpuGroups);
          const statementsBefore = statements;
          const started = performance.now();
          const until = started + ROUND_MS;
          const groups = groupsFor(clients, round);
          const done = await Promise.all(
            Array.from({ length: clients }, (_, i) => (side === "ledger" ? ledgerClient(db, until, groups[Math.floor(i / CLIENTS_PER_GUEST)]!) : updateClient(client, until))),
          );
          const seconds = (performance.now() - started) / 1000;
          const sent = statements - statementsBefore;
          const cpu = await cpuSince(cpuGroups, before);
          const operations = done.reduce((total, result) => total + result.pairs, 0);
          return {
            perSecond: operations / seconds,
            refused: done.reduce((total, result) => total + result.refused, 0),
            statementsPerOperation: sent / operations,
            cpu: { node: (cpu.node ?? 0) / operations, postgres: (cpu.postgres ?? 0) / operations },
          };
        },
      });
      const pairs = median(results.ledger.map((round) => round.perSecond));
      const updates = median(results.update.map((round) => round.perSecond));
      const cpu = (side: Side, process: "node" | "postgres") => fmt(median(results[side].map((round) => round.cpu[process])), 2);
      rows.push([
        clients,
        fmt(pairs, 0),
        results.ledger.reduce((total, round) => total + round.refused, 0),
        fmt(median(results.ledger.map((round) => round.statementsPerOperation)), 1),
        `${cpu("ledger", "node")} / ${cpu("ledger", "postgres")}`,
        fmt(updates, 0),
        `${cpu("update", "node")} / ${cpu("update", "postgres")}`,
        ratio(pairs, updates, 3),
      ]);
    }

    // Every settle charged the full hold: any over-admission leaves a counter spent past its limit.
    const [overspent] = await client<Array<{ count: number }>>`
      select count(*)::int as count from budget_counters
      where (limit_tokens is not null and spent_tokens + reserved_tokens > limit_tokens)
         or (limit_micros is not null and spent_micros + reserved_micros > limit_micros)`;
    const audit = await auditLedger({ db });

    printTable(
      `Budget ledger on Postgres: reserve+settle pairs/s vs a single-row UPDATE loop (median of ${ROUNDS} alternating ${ROUND_MS / 1000} s rounds; CPU ms per pair or UPDATE, node / Postgres)`,
      ["clients", "pairs/s", "refusals", "statements/pair", "CPU/pair", "UPDATEs/s", "CPU/UPDATE", "pairs ÷ UPDATEs"],
      rows,
    );
    console.log(
      `overspend: ${overspent?.count ?? "?"} counters spent past their limit; ledger audit: ${audit.mismatches.length} mismatches, ` +
        `${audit.reservations.open} open reservations, ${audit.reservations.settled.toLocaleString("en")} settled (${audit.events.tokens.toLocaleString("en")} tokens)`,
    );
    console.log(`machine: ${machineLine()}; Postgres ${(await admin<Array<{ v: string }>>`select current_setting('server_version') as v`)[0]?.v} on the same cores`);
    if ((overspent?.count ?? 1) !== 0 || audit.mismatches.length > 0 || audit.reservations.open > 0) process.exitCode = 1;
  } finally {
    await client.end({ timeout: 5 });
    await admin.end({ timeout: 5 });
    await database.drop();
  }
}

await main();
