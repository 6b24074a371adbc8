import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { TEST_AUTH_ENV } from "@/test/auth-session";
import { startMockLlm, type MockLlm } from "@/test/mock-llm/server.ts";
import { createTestDatabase, pgServerReachable, PG_ADMIN_URL } from "@/test/pg-server";
import { startAppProcess, type AppProcess } from "./lib/app-harness";
import { sendChat, type ChatOutcome } from "./lib/chat-client";
import { createGuests } from "./lib/guests";
import { soakScale } from "./lib/soak-scale";

/**
 * Load soak: three app processes on one Postgres server under a sustained
 * request rate (open loop: requests leave on schedule whether or not earlier
 * ones have finished), many guests with small budgets that run out on the
 * way. Afterwards, straight from the database: no budget counter spent past
 * its limit, nothing left reserved, counters equal to the usage events, and
 * no lost message — every answered turn has its user and assistant message,
 * every refused one left nothing behind.
 *
 * `npm test` runs 8 seconds at 12 requests/s; `SOAK=long` a minute at 20.
 */
const { long } = soakScale({ short: 0, long: 0 });
const SECONDS = long ? 60 : 8;
const RATE = long ? 20 : 12;
const PROCESSES = 3;
const GUESTS = long ? 150 : 12;
/**
 * A request reserves its worst case (~1,350 tokens: input plus the reply's 1,024 cap) and
 * spends ~310: a guest's day admits about four replies and a chat two, so budgets run out
 * mid-soak (each guest is sent about eight).
 */
const LIMITS = {
  BUDGET_GUEST_DAY_TOKENS: "2500",
  BUDGET_GUEST_DAY_MICROS: "unlimited",
  BUDGET_GUEST_SESSION_TOKENS: "2000",
  BUDGET_GUEST_SESSION_MICROS: "unlimited",
  BUDGET_GUEST_MONTH_TOKENS: "unlimited",
  BUDGET_GUEST_MONTH_MICROS: "unlimited",
  BUDGET_GLOBAL_DAY_TOKENS: "unlimited",
  BUDGET_GLOBAL_DAY_MICROS: "unlimited",
  RATE_LIMIT_USER_PER_MINUTE: "100000",
  RATE_LIMIT_IP_PER_MINUTE: "100000",
};

const reachable = await pgServerReachable();
if (!reachable) console.warn(`\n!!! SKIPPED: no PostgreSQL server at ${PG_ADMIN_URL}; the three-process load soak did not run.\n`);

type Turn = { guest: number; chatId: string; outcome: ChatOutcome };

describe.skipIf(!reachable)(`load soak: ${PROCESSES} app processes, one Postgres, ${RATE} requests/s for ${SECONDS} s, small budgets`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let mock: MockLlm;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("ballast_soak_load");
    // Migrate once, before three processes would race to.
    await (await openDb({ url: database.url })).close();
    mock = await startMockLlm({ firstChunkDelayMs: 30, chunkDelayMs: 2, chunkSize: 24 });
    const env = { ...TEST_AUTH_ENV, ...LIMITS, DATABASE_URL: database.url, OPENAI_BASE_URL: mock.url, OPENAI_API_KEY: "test", LLM_MODEL: "mock-ok" };
    apps.push(...(await Promise.all(Array.from({ length: PROCESSES }, (_, i) => startAppProcess({ name: `soak-load-${i}`, env })))));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await mock?.close();
    await database?.drop();
  });

  it("overspends no budget and loses no message", { timeout: long ? 300_000 : 55_000 }, async () => {
    // Guests are made on different processes; any process must accept any guest's session.
    const cookies = (await Promise.all(apps.map((app) => createGuests(app.url, Math.ceil(GUESTS / PROCESSES))))).flat().slice(0, GUESTS);
    const lastChat = new Map<number, string>();
    const turns: Array<Promise<Turn>> = [];
    const total = RATE * SECONDS;
    const started = performance.now();
    for (let index = 0; index < total; index++) {
      const due = started + (index * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const guest = (index * 7) % GUESTS;
      // Half the turns continue the guest's last chat (history, the chat's budget), half start a new one.
      const chatId = index % 2 === 0 && lastChat.has(guest) ? lastChat.get(guest)! : crypto.randomUUID();
      lastChat.set(guest, chatId);
      const app = apps[index % PROCESSES]!;
      turns.push(sendChat({ baseUrl: app.url, cookie: cookies[guest]!, chatId, text: `Turn ${index}: how does a budget ledger stay exact across processes?` }).then((outcome) => ({ guest, chatId, outcome })));
    }
    const results = await Promise.all(turns);
    const elapsed = (performance.now() - started) / 1000;

    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const overspent = await sql<Array<{ scope: string; scope_id: string; spent_tokens: number; reserved_tokens: number; limit_tokens: number }>>`
        select scope, scope_id, spent_tokens::int, reserved_tokens::int, limit_tokens::int from budget_counters
        where (limit_tokens is not null and spent_tokens + reserved_tokens > limit_tokens)
           or (limit_micros is not null and spent_micros + reserved_micros > limit_micros)`;
      const [ledger] = await sql<Array<{ open: number; settled: number; counter_tokens: number; event_tokens: number; events: number }>>`
        select
          (select count(*)::int from budget_reservations where status = 'open') as open,
          (select count(*)::int from budget_reservations where status = 'settled') as settled,
          (select coalesce(sum(spent_tokens), 0)::int from budget_counters where scope = 'global_day') as counter_tokens,
          (select coalesce(sum(input_tokens + output_tokens), 0)::int from usage_events) as event_tokens,
          (select count(*)::int from usage_events) as events`;
      const stored = await sql<Array<{ chat_id: string; user_messages: number; assistant_messages: number }>>`
        select chat_id, count(*) filter (where role = 'user')::int as user_messages, count(*) filter (where role = 'assistant')::int as assistant_messages
        from messages group by chat_id`;
      const byChat = new Map(stored.map((row) => [row.chat_id, row]));

      // What each chat must hold: one user and one assistant message per answered turn, nothing for a refused one.
      const expected = new Map<string, number>();
      for (const turn of results) if (turn.outcome.kind === "reply") expected.set(turn.chatId, (expected.get(turn.chatId) ?? 0) + 1);
      const lost: string[] = [];
      for (const chatId of new Set(results.map((turn) => turn.chatId))) {
        const answered = expected.get(chatId) ?? 0;
        const row = byChat.get(chatId);
        const users = row?.user_messages ?? 0;
        const assistants = row?.assistant_messages ?? 0;
        if (users !== answered || assistants !== answered) lost.push(`${chatId}: ${answered} answered turns, stored ${users} user and ${assistants} assistant messages`);
      }

      const tally = new Map<string, number>();
      for (const { outcome } of results) {
        const key = outcome.kind === "reply" ? "reply" : outcome.kind === "typed-error" ? outcome.code : `UNTYPED ${outcome.status}: ${outcome.detail.slice(0, 80)}`;
        tally.set(key, (tally.get(key) ?? 0) + 1);
      }
      const replies = tally.get("reply") ?? 0;
      console.log(
        [
          `\nload soak: ${total} requests over ${elapsed.toFixed(1)} s (${RATE}/s offered) to ${PROCESSES} app processes on one Postgres, ${GUESTS} guests with ${LIMITS.BUDGET_GUEST_DAY_TOKENS}-token days and ${LIMITS.BUDGET_GUEST_SESSION_TOKENS}-token chats`,
          `  outcomes: ${[...tally].sort((a, b) => b[1] - a[1]).map(([key, n]) => `${key} ${n}`).join(", ")}`,
          `  ledger: ${ledger?.settled} settled, ${ledger?.open} open, ${ledger?.events} usage events = ${ledger?.event_tokens} tokens, global counter ${ledger?.counter_tokens}; counters past their limit: ${overspent.length}`,
          `  messages: ${stored.reduce((sum, row) => sum + row.user_messages + row.assistant_messages, 0)} stored in ${stored.length} chats; lost or extra: ${lost.length}`,
        ].join("\n"),
      );

      expect(results.filter(({ outcome }) => outcome.kind === "untyped")).toEqual([]);
      // Only budget refusals besides replies: nothing else went wrong under load.
      expect([...tally.keys()].filter((key) => key !== "reply" && !key.startsWith("budget_exceeded:"))).toEqual([]);
      // Small budgets really bit, and most guests still got replies.
      expect([...tally.keys()].some((key) => key.startsWith("budget_exceeded:"))).toBe(true);
      expect(replies).toBeGreaterThan(GUESTS);
      expect(overspent).toEqual([]);
      expect(ledger?.open).toBe(0);
      expect(ledger?.event_tokens).toBe(ledger?.counter_tokens);
      expect(ledger?.events).toBe(replies);
      expect(lost).toEqual([]);
    } finally {
      await sql.end();
    }
  });
});
