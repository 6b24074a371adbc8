import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db/client";
import { MOCK_CONTEXT_WINDOW } from "@/lib/context/model-limits";
import { countTokens } from "@/lib/context/count-tokens";
import { guestCookie, TEST_AUTH_ENV } from "@/test/auth-session";
import { NO_LIMITS_ENV, resetConfigForTests } from "@/test/config";
import { startMockLlm, type MockLlm } from "@/test/mock-llm/server.ts";
import { readUIChunks } from "@/test/sse";
import { POST as postChat } from "./route";

const TURNS = 300;

/**
 * The article's "context length exceeded", end to end: one chat of 300 turns
 * against a provider that really refuses prompts over its 8,192-token window
 * (counting with the same tokenizer). Every turn must be answered at the first
 * attempt: context fitting dropped enough old turns before the call.
 */
describe(`a ${TURNS}-turn conversation through /api/chat`, () => {
  let mock: MockLlm;
  let cookie = "";

  beforeAll(async () => {
    mock = await startMockLlm({ contextWindow: MOCK_CONTEXT_WINDOW, countTokens });
    const env = { ...TEST_AUTH_ENV, ...NO_LIMITS_ENV, PGLITE_DIR: "memory://", OPENAI_BASE_URL: mock.url, OPENAI_API_KEY: "test", LLM_MODEL: "mock-ok" };
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    resetConfigForTests();
    cookie = await guestCookie();
  });

  afterAll(async () => {
    await closeDb();
    await mock?.close();
    vi.unstubAllEnvs();
    resetConfigForTests();
  });

  it("answers every turn at the first attempt, sending only what fits, and shows which turns were dropped", { timeout: 240_000 }, async () => {
    const chatId = crypto.randomUUID();
    const log: string[] = [];
    for (let turn = 1; turn <= TURNS; turn++) {
      // Varied lengths, like a real conversation: most short, some long.
      const text = `Turn ${turn}: ${"How should the ledger treat retries and fallbacks? ".repeat(1 + ((turn * 7) % 13))}`;
      const response = await postChat(
        new Request("http://localhost/api/chat", {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify({ chatId, message: { id: `m${turn}`, role: "user", parts: [{ type: "text", text }] } }),
        }),
      );
      expect(response.status, `turn ${turn}`).toBe(200);
      const chunks = await readUIChunks(response);
      const final = chunks.flatMap((chunk) => (chunk.type === "data-reply" ? [chunk.data] : [])).at(-1);
      expect(final?.state, `turn ${turn}`).toBe("done");
      expect(final?.attempt, `turn ${turn}`).toBe(1);

      const sent = mock.requests.at(-1)!;
      expect(sent.promptTokens + (sent.maxTokens ?? 0)).toBeLessThanOrEqual(MOCK_CONTEXT_WINDOW);
      const userTurns = sent.messages.filter((message) => message.role === "user").map((message) => String(message.content));
      // The newest message is always sent, and always last.
      expect(userTurns.at(-1)).toBe(text);
      const firstKept = userTurns.map((content) => /^Turn (\d+):/.exec(content)?.[1]).find((n) => n !== undefined);
      if ([1, 10, 50, 100, 200, 300].includes(turn)) {
        const dropped = Number(firstKept) - 1;
        log.push(`turn ${turn}: sent ${sent.promptTokens} prompt tokens; ${dropped === 0 ? "nothing dropped" : `dropped turns 1–${dropped}`}, kept ${firstKept}–${turn}`);
      }
    }
    console.log(`\n${TURNS}-turn conversation, ${MOCK_CONTEXT_WINDOW}-token window:\n  ${log.join("\n  ")}`);
    expect(mock.requests).toHaveLength(TURNS);
  });
});
