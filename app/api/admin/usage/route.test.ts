import { sql } from "drizzle-orm";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { users } from "@/db/schema";
import type { FaultRequest } from "@/lib/ai/fault-request";
import { setUserOverride } from "@/lib/budget/overrides";
import { userFromHeaders } from "@/lib/identity/current-user";
import { auditCallRollups } from "@/lib/telemetry/audit-rollups";
import { flushCallLog } from "@/lib/telemetry/call-log";
import { rangeWindow } from "@/lib/telemetry/metrics-range";
import type { UsageDashboard, UserUsage } from "@/lib/telemetry/metrics-types";
import { guestCookie, signInCookie, signUpCookie, TEST_AUTH_ENV } from "@/test/auth-session";
import { resetConfigForTests } from "@/test/config";
import { POST as postChat } from "../../chat/route";
import { GET as getUserUsage } from "./users/[id]/route";
import { GET as getUsage } from "./route";

/*
 * The admin usage endpoints against real chats: a guest and a signed-in user
 * chat through POST /api/chat (some replies with injected faults, one refused
 * by its budget), and what /api/admin/usage reports must equal sums computed
 * directly from call_log. Anyone but an admin gets 404 and no data.
 */

let admin = "";
let guest = "";
let member = "";
let guestId = "";
let memberId = "";

const usage = (cookie: string | null, query = "") =>
  getUsage(new Request(`http://localhost/api/admin/usage${query}`, { headers: cookie ? { cookie } : {} }), undefined);
const userUsage = (cookie: string | null, id: string, query = "") =>
  getUserUsage(new Request(`http://localhost/api/admin/usage/users/${id}${query}`, { headers: cookie ? { cookie } : {} }), { params: Promise.resolve({ id }) });

async function chat(cookie: string, text: string, faults?: FaultRequest): Promise<number> {
  const response = await postChat(
    new Request("http://localhost/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ chatId: crypto.randomUUID(), message: { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] }, faults }),
    }),
  );
  await response.text();
  return response.status;
}

type Num = string | number | bigint | null;
async function rowsOf<T>(query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await (await getDb()).execute(query)) as unknown as { rows: T[] }).rows;
}

describe("GET /api/admin/usage and /api/admin/usage/users/:id", () => {
  beforeAll(async () => {
    const env = {
      ...TEST_AUTH_ENV,
      PGLITE_DIR: "memory://",
      OFFLINE_FIRST_CHUNK_MS: "0",
      OFFLINE_CHUNK_MS: "0",
      BALLAST_DEV_TOOLS: "1",
      LLM_FALLBACK_MODELS: "offline-backup",
    };
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    resetConfigForTests();
    await signUpCookie({ email: "admin@example.com", password: "admin password", name: "Ada Admin" });
    await (await getDb()).update(users).set({ role: "admin" }).where(eq(users.email, "admin@example.com"));
    admin = await signInCookie({ email: "admin@example.com", password: "admin password" });
    member = await signUpCookie({ email: "member@example.com", password: "member password", name: "Mia Member" });
    guest = await guestCookie();
    guestId = (await userFromHeaders(new Headers({ cookie: guest })))!.id;
    memberId = (await userFromHeaders(new Headers({ cookie: member })))!.id;

    const first = (mode: FaultRequest["modes"][number]): FaultRequest => ({ modes: [mode], rate: 1, firstAttemptOnly: true });
    const question = "How does a call log help find why replies are slow?";
    for (const faults of [undefined, first("fence"), first("missing_field"), first("server_error"), first("stream_cut"), undefined]) {
      expect(await chat(guest, question, faults)).toBe(200);
    }
    expect(await chat(member, "What do budgets protect against?")).toBe(200);
    expect(await chat(member, "And what does a fallback model cost?", first("trailing_comma"))).toBe(200);
    // A budget too small for the next request: refused before any model call, logged as budget_denied.
    await setUserOverride({ db: await getDb(), userId: memberId, overrides: { user_day: { tokens: 10 } }, setBy: "test" });
    expect(await chat(member, "One more question, please.")).toBe(402);
    await flushCallLog();
  });

  afterAll(async () => {
    await closeDb();
    vi.unstubAllEnvs();
    resetConfigForTests();
  });

  it("reports totals, outcomes and top users equal to sums computed from call_log", async () => {
    const response = await usage(admin, "?range=24h");
    expect(response.status).toBe(200);
    const dashboard = (await response.json()) as UsageDashboard;
    const window = rangeWindow("24h", new Date(dashboard.generatedAt));
    const inRange = sql`source = 'app' and created_at >= ${window.from.toISOString()} and created_at < ${window.to.toISOString()}`;

    const [totals] = await rowsOf<{ calls: Num; input: Num; output: Num; cost: Num }>(
      sql`select count(*) as calls, sum(input_tokens) as input, sum(output_tokens) as output, sum(cost_micros) as cost from call_log where ${inRange}`,
    );
    expect(dashboard.totals).toMatchObject({ calls: Number(totals!.calls), inputTokens: Number(totals!.input), outputTokens: Number(totals!.output), costMicros: Number(totals!.cost) });
    // Eight chats answered; the faults added a repair, a retry, fallbacks and the failed attempts before them.
    expect(dashboard.totals.answered).toBe(8);
    expect(dashboard.totals.byOutcome.budget_denied).toBe(1);
    expect(dashboard.totals.byOutcome.repaired).toBeGreaterThanOrEqual(2);
    expect(dashboard.totals.byOutcome.invalid_output).toBe(1);
    expect(dashboard.totals.byOutcome.provider_error).toBe(2);
    expect(dashboard.totals.byOutcome.fallback + dashboard.totals.byOutcome.retried).toBe(3);

    const outcomes = await rowsOf<{ outcome: string; calls: Num }>(sql`select outcome, count(*) as calls from call_log where ${inRange} group by 1`);
    expect(Object.fromEntries(Object.entries(dashboard.totals.byOutcome).filter(([, calls]) => calls > 0))).toEqual(
      Object.fromEntries(outcomes.map((row) => [row.outcome, Number(row.calls)])),
    );
    const perModel = await rowsOf<{ model_id: string; calls: Num; tokens: Num; cost: Num }>(
      sql`select model_id, count(*) as calls, sum(input_tokens + output_tokens) as tokens, sum(cost_micros) as cost from call_log where ${inRange} group by 1 order by 1`,
    );
    expect(dashboard.models.map((model) => [model.modelId, model.calls, model.inputTokens + model.outputTokens, model.costMicros]).sort()).toEqual(
      perModel.map((row) => [row.model_id, Number(row.calls), Number(row.tokens), Number(row.cost)]).sort(),
    );
    expect(dashboard.models.every((model) => model.nominalPrice)).toBe(true);

    const perUser = await rowsOf<{ user_id: string; tokens: Num; cost: Num; calls: Num }>(
      sql`select user_id, sum(input_tokens + output_tokens) as tokens, sum(cost_micros) as cost, count(*) as calls from call_log where ${inRange} group by 1 order by 2 desc`,
    );
    expect(dashboard.topUsers.rows.map((row) => [row.user.id, row.inputTokens + row.outputTokens, row.costMicros, row.calls])).toEqual(
      perUser.map((row) => [row.user_id, Number(row.tokens), Number(row.cost), Number(row.calls)]),
    );
    const byId = new Map(dashboard.topUsers.rows.map((row) => [row.user.id, row]));
    expect(byId.get(guestId)?.user).toMatchObject({ kind: "guest", name: "Guest", email: null });
    expect(byId.get(memberId)?.user).toMatchObject({ kind: "user", name: "Mia Member", email: "member@example.com" });
    // The member's override leaves nothing today: the budget shown is the one admission refused.
    expect(byId.get(memberId)?.budget).toMatchObject({ scope: "user_day", limitTokens: 10, remainingTokens: 0 });
    expect(byId.get(guestId)?.budget?.remainingFraction).toBeGreaterThan(0);
    expect(await auditCallRollups(await getDb())).toEqual([]);
  });

  it("reports a user's recent calls exactly as call_log holds them", async () => {
    const response = await userUsage(admin, guestId, "?range=24h");
    expect(response.status).toBe(200);
    const body = (await response.json()) as UserUsage;
    const logged = await rowsOf<{ id: Num; outcome: string; cost_micros: Num; fault: string | null }>(
      sql`select id, outcome, cost_micros, fault from call_log where user_id = ${guestId} order by created_at desc, id desc`,
    );
    expect(body.recentCalls.map((call) => [call.id, call.outcome, call.costMicros, call.fault])).toEqual(
      logged.map((row) => [Number(row.id), row.outcome, Number(row.cost_micros), row.fault]),
    );
    expect(body.totals.calls).toBe(logged.length);
    expect(body.totals.costMicros).toBe(logged.reduce((total, row) => total + Number(row.cost_micros), 0));
    expect(body.user.kind).toBe("guest");
    expect(body.budgets?.map((budget) => budget.scope)).toEqual(["user_day", "user_month"]);
    expect(body.olderCursor).toBeNull();
  });

  it("answers 404 with no data to a guest, a signed-in user and a visitor without a session; 200 to an admin", async () => {
    for (const cookie of [guest, member, null]) {
      for (const response of [await usage(cookie), await usage(cookie, "?range=30d&source=seed"), await userUsage(cookie, guestId), await userUsage(cookie, memberId)]) {
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ error: { code: "not_found:api", message: "Not found.", retryable: false } });
      }
    }
    expect((await usage(admin)).status).toBe(200);
    expect((await userUsage(admin, memberId)).status).toBe(200);
  });

  it("names a bad parameter with 400 and an unknown user with 404", async () => {
    const bad = await usage(admin, "?range=1y");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("range must be one of 24h, 7d, 30d");
    expect((await userUsage(admin, guestId, "?before=abc")).status).toBe(400);
    expect((await userUsage(admin, "no-such-user")).status).toBe(404);
  });
});
