import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { inArray } from "drizzle-orm";
import { callLog, usageEvents } from "@/db/schema";
import { auditLedger } from "@/lib/budget/audit";
import { auditCallRollups } from "@/lib/telemetry/audit-rollups";
import { flushCallLog } from "@/lib/telemetry/call-log";
import { resetConfigForTests } from "@/test/config";
import { resetAuthForTests } from "@/lib/auth/auth";
import { streamReply } from "@/lib/chat/stream-reply";
import { userFromHeaders } from "@/lib/identity/current-user";
import { guestCookie, TEST_AUTH_ENV } from "@/test/auth-session";
import { ensureChat, saveMessage } from "@/db/queries/chats";
import type { ChatSummary, ChatUIMessage, ReplyPartData } from "@/lib/chat/ui-message";
import { resetEnvForTests } from "@/lib/env";
import { replySchema } from "@/lib/features/reply";
import { readUIChunks, type ChatChunk } from "@/test/sse";
import { GET as getChat } from "../chats/[id]/route";
import { GET as listChats } from "../chats/route";
import { POST as postChat } from "./route";

type DbSetup = { env: Record<string, string>; teardown?: () => Promise<void> };

/** How a suite gets its database: `null` when the backing server is not reachable (the suite is skipped, loudly). */
export type DbProvider = () => Promise<(() => Promise<DbSetup>) | null>;

/** Two guests' Cookie headers (real better-auth sessions, made in beforeAll) and Alice's user id. */
let alice = "";
let bob = "";
let aliceId = "";

function chatRequest(body: unknown, { owner = alice }: { owner?: string } = {}): Request {
  return new Request("http://localhost/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json", cookie: owner },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function userMessage(text: string) {
  return { id: crypto.randomUUID(), role: "user", parts: [{ type: "text", text }] };
}

function replyChunks(chunks: ChatChunk[]): Array<{ id?: string; data: ReplyPartData }> {
  return chunks.flatMap((chunk) => (chunk.type === "data-reply" ? [{ id: chunk.id, data: chunk.data }] : []));
}

async function errorBody(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return body.error;
}

/**
 * The /api/chat contract, run against one database driver: the handler is
 * called directly with real Requests and the stream is read to its end.
 */
export function describeChatApi(label: string, provider: DbProvider): void {
  describe(`/api/chat on ${label}`, async () => {
    const prepare = await provider();
    const skipped = prepare === null;
    let teardown: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      if (!prepare) return;
      const db = await prepare();
      teardown = db.teardown;
      for (const [key, value] of Object.entries({ OFFLINE_FIRST_CHUNK_MS: "0", OFFLINE_CHUNK_MS: "0", ...TEST_AUTH_ENV, ...db.env })) {
        vi.stubEnv(key, value);
      }
      resetEnvForTests();
      resetAuthForTests();
      alice = await guestCookie();
      bob = await guestCookie();
      aliceId = (await userFromHeaders(new Headers({ cookie: alice })))!.id;
    });

    afterAll(async () => {
      resetAuthForTests();
      await closeDb();
      vi.unstubAllEnvs();
      resetEnvForTests();
      await teardown?.();
    });

    it.skipIf(skipped)("streams the reply as one data-reply part updated in place, then saves both messages", async () => {
      const chatId = crypto.randomUUID();
      const text = "How should I budget tokens for a chat app? Per-user daily limits seem sensible, with Postgres as the ledger.";
      const response = await postChat(chatRequest({ chatId, message: userMessage(text) }));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/event-stream");

      const chunks = await readUIChunks(response);
      expect(chunks[0]?.type).toBe("start");
      expect(chunks.at(-1)?.type).toBe("finish");
      const replies = replyChunks(chunks);
      expect(replies.length).toBeGreaterThan(2);
      expect(new Set(replies.map((reply) => reply.id)).size).toBe(1);
      expect(replies.slice(0, -1).every((reply) => reply.data.state === "streaming")).toBe(true);
      const final = replies.at(-1)!.data;
      expect(final.state).toBe("done");
      const reply = replySchema.parse(final.reply);
      expect(reply.tags.length).toBeGreaterThan(0);
      // Partials grow toward the final answer rather than jumping around.
      const answers = replies.map((r) => r.data.reply.answer ?? "");
      for (let i = 1; i < answers.length; i++) expect(answers[i]!.startsWith(answers[i - 1]!)).toBe(true);

      const list = (await (await listChats(new Request("http://localhost/api/chats", { headers: { cookie: alice } }))).json()) as { chats: ChatSummary[] };
      const summary = list.chats.find((chat) => chat.id === chatId);
      expect(summary?.title).toBe("How should I budget tokens for a chat app? Per-user daily…");

      const detail = await getChat(new Request(`http://localhost/api/chats/${chatId}`, { headers: { cookie: alice } }), {
        params: Promise.resolve({ id: chatId }),
      });
      expect(detail.status).toBe(200);
      const { messages } = (await detail.json()) as { messages: ChatUIMessage[] };
      expect(messages.map((message) => message.role)).toEqual(["user", "assistant"]);
      expect(messages[0]!.parts).toEqual([{ type: "text", text }]);
      const saved = messages[1]!.parts[0];
      expect(saved?.type === "data-reply" && saved.data).toEqual(final);
    });

    it.skipIf(skipped)("sends the history with a follow-up and keeps the order of turns", async () => {
      const chatId = crypto.randomUUID();
      for (const text of ["Tell me about Postgres advisory locks.", "And how do they compare with row locks?"]) {
        const response = await postChat(chatRequest({ chatId, message: userMessage(text) }));
        expect(response.status).toBe(200);
        await readUIChunks(response);
      }
      const detail = await getChat(new Request(`http://localhost/api/chats/${chatId}`, { headers: { cookie: alice } }), {
        params: Promise.resolve({ id: chatId }),
      });
      const { messages } = (await detail.json()) as { messages: ChatUIMessage[] };
      expect(messages.map((message) => message.role)).toEqual(["user", "assistant", "user", "assistant"]);
    });

    it.skipIf(skipped)("answers a re-sent message (Try again after a failure) without saving it twice", async () => {
      const chatId = crypto.randomUUID();
      const text = "Why did my last request fail?";
      // A previous request saved the user's message, then failed before any reply.
      await ensureChat({ id: chatId, ownerId: aliceId, title: text });
      await saveMessage({ chatId, role: "user", parts: [{ type: "text", text }] });

      await readUIChunks(await postChat(chatRequest({ chatId, message: userMessage(text) })));
      const detail = await getChat(new Request(`http://localhost/api/chats/${chatId}`, { headers: { cookie: alice } }), {
        params: Promise.resolve({ id: chatId }),
      });
      const { messages } = (await detail.json()) as { messages: ChatUIMessage[] };
      expect(messages.map((message) => message.role)).toEqual(["user", "assistant"]);
    });

    it.skipIf(skipped)("answers 404 to another owner's chat, on read and on write, and leaves it untouched", async () => {
      const chatId = crypto.randomUUID();
      await readUIChunks(await postChat(chatRequest({ chatId, message: userMessage("A private question.") })));

      const write = await postChat(chatRequest({ chatId, message: userMessage("Let me in.") }, { owner: bob }));
      expect(write.status).toBe(404);
      expect((await errorBody(write)).code).toBe("not_found:chat");

      const read = await getChat(new Request(`http://localhost/api/chats/${chatId}`, { headers: { cookie: bob } }), {
        params: Promise.resolve({ id: chatId }),
      });
      expect(read.status).toBe(404);

      const own = await getChat(new Request(`http://localhost/api/chats/${chatId}`, { headers: { cookie: alice } }), {
        params: Promise.resolve({ id: chatId }),
      });
      const { messages } = (await own.json()) as { messages: ChatUIMessage[] };
      expect(messages).toHaveLength(2);
    });

    it.skipIf(skipped).each([
      ["a body that is not JSON", "{not json", 400, "bad_request:api", /not valid JSON/],
      ["a missing chatId", { message: userMessage("hi") }, 400, "bad_request:api", /chatId/],
      ["a chatId that is not a UUID", { chatId: "42", message: userMessage("hi") }, 400, "bad_request:api", /chatId must be a UUID/],
      ["an assistant message", { chatId: crypto.randomUUID(), message: { ...userMessage("hi"), role: "assistant" } }, 400, "bad_request:api", /message.role/],
      ["a file part", { chatId: crypto.randomUUID(), message: { id: "m", role: "user", parts: [{ type: "file", url: "x" }] } }, 400, "bad_request:api", /text/],
      ["an empty message", { chatId: crypto.randomUUID(), message: userMessage("   ") }, 400, "bad_request:api", /empty/],
      ["a message over the limit", { chatId: crypto.randomUUID(), message: userMessage("a".repeat(8001)) }, 413, "payload_too_large:chat", /8,001 characters; the limit is 8,000/],
      ["a body over 64 KB", { chatId: crypto.randomUUID(), message: userMessage("😀".repeat(20_000)) }, 413, "payload_too_large:api", /64 KB/],
    ])("refuses %s with %i and a specific message", async (_label, body, status, code, message) => {
      const response = await postChat(chatRequest(body));
      expect(response.status).toBe(status);
      const error = await errorBody(response);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    });

    it.skipIf(skipped)("refuses a message too large for the context window with 413 and both sizes, saving nothing", async () => {
      vi.stubEnv("LLM_CONTEXT_WINDOW", "1500");
      resetEnvForTests();
      try {
        const chatId = crypto.randomUUID();
        const text = Array.from({ length: 400 }, (_, i) => `budget${i} ledger`).join(" ");
        const response = await postChat(chatRequest({ chatId, message: userMessage(text) }));
        expect(response.status).toBe(413);
        const error = await errorBody(response);
        expect(error.code).toBe("payload_too_large:chat");
        expect(error.message).toMatch(/That message is [\d,]+ tokens; .* leaves [\d,]+\./);
        const detail = await getChat(new Request(`http://localhost/api/chats/${chatId}`, { headers: { cookie: alice } }), {
          params: Promise.resolve({ id: chatId }),
        });
        expect(detail.status).toBe(404);
      } finally {
        vi.stubEnv("LLM_CONTEXT_WINDOW", undefined);
        resetEnvForTests();
      }
    });

    it.skipIf(skipped)("refuses with 402 and the budget's name once a guest's day is spent, saving nothing, and the ledger balances", async () => {
      vi.stubEnv("BUDGET_GUEST_DAY_TOKENS", "4000");
      resetConfigForTests();
      try {
        const guest = await guestCookie();
        const statuses: number[] = [];
        let refusal: Response | undefined;
        for (let i = 0; i < 12 && !refusal; i++) {
          const response = await postChat(chatRequest({ chatId: crypto.randomUUID(), message: userMessage(`Question ${i} about budgets.`) }, { owner: guest }));
          statuses.push(response.status);
          if (response.status === 200) await readUIChunks(response);
          else refusal = response;
        }
        expect(statuses.slice(0, -1).every((status) => status === 200)).toBe(true);
        expect(refusal?.status).toBe(402);
        expect(Number(refusal?.headers.get("retry-after"))).toBeGreaterThan(0);
        const error = await errorBody(refusal!);
        expect(error.code).toBe("budget_exceeded:day");
        expect(error.message).toMatch(/today's budget of 4,000 tokens[.:].* It renews at midnight UTC, in /);
        // The refused chat was never created.
        const list = (await (await listChats(new Request("http://localhost/api/chats", { headers: { cookie: guest } }))).json()) as { chats: ChatSummary[] };
        expect(list.chats).toHaveLength(statuses.length - 1);

        // The refusal is in the call log (no model was called), under the refused request's id.
        await flushCallLog();
        const guestId = (await userFromHeaders(new Headers({ cookie: guest })))!.id;
        const denied = await (await getDb()).select().from(callLog).where(inArray(callLog.userId, [guestId]));
        expect(denied.filter((row) => row.outcome === "budget_denied")).toEqual([
          expect.objectContaining({ attempt: 0, errorClass: "budget_exceeded:day", requestId: refusal!.headers.get("x-request-id"), inputTokens: 0, costMicros: 0 }),
        ]);
        expect(denied.filter((row) => row.outcome !== "budget_denied")).toHaveLength(statuses.length - 1);

        const audit = await auditLedger({ db: await getDb() });
        expect(audit.mismatches).toEqual([]);
        expect(audit.reservations.open).toBe(0);
      } finally {
        vi.stubEnv("BUDGET_GUEST_DAY_TOKENS", undefined);
        resetConfigForTests();
      }
    });

    it.skipIf(skipped)("rate-limits a user with 429 and Retry-After", async () => {
      vi.stubEnv("RATE_LIMIT_USER_PER_MINUTE", "2");
      resetConfigForTests();
      try {
        const guest = await guestCookie();
        const send = () => postChat(chatRequest({ chatId: crypto.randomUUID(), message: userMessage("Quick one.") }, { owner: guest }));
        for (const response of [await send(), await send()]) {
          expect(response.status).toBe(200);
          await readUIChunks(response);
        }
        const limited = await send();
        expect(limited.status).toBe(429);
        expect((await errorBody(limited)).code).toBe("rate_limited:user");
        expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      } finally {
        vi.stubEnv("RATE_LIMIT_USER_PER_MINUTE", undefined);
        resetConfigForTests();
      }
    });

    it.skipIf(skipped)("refuses a non-JSON content type with 415", async () => {
      const response = await postChat(
        new Request("http://localhost/api/chat", {
          method: "POST",
          headers: { "content-type": "text/plain", cookie: alice },
          body: "hello",
        }),
      );
      expect(response.status).toBe(415);
    });

    it.skipIf(skipped)("logs one call-log row per attempt, agreeing with the ledger's usage events, faults included", async () => {
      const user = (await userFromHeaders(new Headers({ cookie: alice })))!;
      const requestIds: string[] = [];
      const faults = [undefined, { modes: ["fence" as const], rate: 1, firstAttemptOnly: true }, { modes: ["missing_field" as const], rate: 1, firstAttemptOnly: true }, { modes: ["server_error" as const], rate: 1, firstAttemptOnly: true }];
      for (const fault of faults) {
        const response = await streamReply({ chatId: crypto.randomUUID(), user, text: "What does a call log record?", faults: fault });
        const chunks = await readUIChunks(response);
        const start = chunks.find((chunk) => chunk.type === "start");
        requestIds.push(start && "messageId" in start ? String(start.messageId) : "");
      }
      await flushCallLog();
      const db = await getDb();
      const logged = await db.select().from(callLog).where(inArray(callLog.requestId, requestIds)).orderBy(callLog.requestId, callLog.attempt);
      const outcomes = requestIds.map((id) => logged.filter((row) => row.requestId === id).map((row) => row.outcome));
      expect(outcomes[0]).toEqual(["ok"]);
      expect(outcomes[1]).toEqual(["repaired"]);
      expect(outcomes[2]).toEqual(["invalid_output", "retried"]);
      expect(outcomes[3]?.[0]).toBe("provider_error");
      expect(outcomes[3]?.at(-1)).toMatch(/retried|fallback/);
      expect(logged.every((row) => row.userId === aliceId && row.feature === "reply" && row.source === "app")).toBe(true);
      expect(logged.find((row) => row.outcome === "repaired")?.repairs).toContain("removed_code_fence");
      expect(logged.flatMap((row) => (row.fault ? [row.fault] : [])).sort()).toEqual(["fence", "missing_field", "server_error"]);

      // The log and the ledger count the same tokens and micro-dollars, attempt by attempt.
      const events = await db
        .select({ requestId: usageEvents.requestId, attempt: usageEvents.attempt, input: usageEvents.inputTokens, output: usageEvents.outputTokens, cost: usageEvents.costMicros })
        .from(usageEvents)
        .where(inArray(usageEvents.requestId, requestIds))
        .orderBy(usageEvents.requestId, usageEvents.attempt);
      expect(logged.map((row) => [row.requestId, row.attempt, row.inputTokens, row.outputTokens, row.costMicros])).toEqual(
        events.map((event) => [event.requestId, event.attempt, event.input, event.output, event.cost]),
      );
      expect(await auditCallRollups(db)).toEqual([]);
    });

    it.skipIf(skipped)("keeps the user's message and the partial reply when the client aborts mid-stream", async () => {
      vi.stubEnv("OFFLINE_CHUNK_MS", "40");
      resetEnvForTests();
      const { resetModelChainForTests } = await import("@/lib/ai/registry");
      resetModelChainForTests();
      try {
        const chatId = crypto.randomUUID();
        const controller = new AbortController();
        // The request path itself, given the abort signal the route passes it (Next wires a
        // request's signal to its socket). A Request built here with `signal` would forward the
        // abort through a weakly held controller inside undici, which GC can drop: a test artefact.
        const user = (await userFromHeaders(new Headers({ cookie: alice })))!;
        const response = await streamReply({
          chatId,
          user,
          text: "Explain retries with exponential backoff and jitter in detail.",
          abortSignal: controller.signal,
        });
        const reader = response.body!.getReader();
        const decoder = new TextDecoder();
        let seen = "";
        while (!seen.includes('"data-reply"')) {
          const { value, done } = await reader.read();
          if (done) break;
          seen += decoder.decode(value);
        }
        controller.abort();
        await reader.cancel().catch(() => {});

        // The assistant message is written when the aborted model call unwinds.
        let messages: ChatUIMessage[] = [];
        for (let i = 0; i < 50; i++) {
          const detail = await getChat(new Request(`http://localhost/api/chats/${chatId}`, { headers: { cookie: alice } }), {
            params: Promise.resolve({ id: chatId }),
          });
          messages = ((await detail.json()) as { messages: ChatUIMessage[] }).messages;
          if (messages.length === 2) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(messages.map((message) => message.role)).toEqual(["user", "assistant"]);
        const part = messages[1]!.parts[0];
        expect(part?.type === "data-reply" && part.data.state).toBe("stopped");
        // The stopped reply was paid for exactly once: no hold left open, counters equal the events.
        const audit = await auditLedger({ db: await getDb() });
        expect(audit.mismatches).toEqual([]);
        expect(audit.reservations.open).toBe(0);
      } finally {
        vi.stubEnv("OFFLINE_CHUNK_MS", "0");
        resetEnvForTests();
        resetModelChainForTests();
      }
    });
  });
}
