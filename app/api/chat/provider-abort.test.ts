import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db/client";
import { resetAuthForTests } from "@/lib/auth/auth";
import { guestCookie, TEST_AUTH_ENV } from "@/test/auth-session";
import { resetModelChainForTests } from "@/lib/ai/registry";
import { resetEnvForTests } from "@/lib/env";
import { startMockLlm, type MockLlm } from "@/test/mock-llm/server.ts";
import { POST as postChat } from "./route";

/** A guest's Cookie header, made in beforeAll. */
let owner = "";

/** The stop button must cancel the provider call itself, not just stop reading it (it is billed while it runs). */
describe("stopping a reply from an OpenAI-compatible provider", () => {
  let mock: MockLlm;

  beforeAll(async () => {
    // A long reply in small, slow chunks (about 40 s in all): still streaming when the client
    // goes away, however loaded the machine is.
    const longReply = JSON.stringify({ answer: "Budgets bound what a request may start. ".repeat(100), summary: "Budgets.", tags: ["budgets"], confidence: 0.7 });
    mock = await startMockLlm({ chunkSize: 4, firstChunkDelayMs: 50, chunkDelayMs: 40, script: () => ({ content: longReply }) });
    const env = { ...TEST_AUTH_ENV, PGLITE_DIR: "memory://", OPENAI_BASE_URL: mock.url, OPENAI_API_KEY: "test", LLM_MODEL: "mock-ok" };
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    resetEnvForTests();
    resetModelChainForTests();
    resetAuthForTests();
    owner = await guestCookie();
  });

  afterAll(async () => {
    resetAuthForTests();
    await closeDb();
    await mock?.close();
    vi.unstubAllEnvs();
    resetEnvForTests();
    resetModelChainForTests();
  });

  it("aborts the upstream HTTP request when the client aborts /api/chat", async () => {
    const controller = new AbortController();
    const response = await postChat(
      new Request("http://localhost/api/chat", {
        method: "POST",
        headers: { "content-type": "application/json", cookie: owner },
        body: JSON.stringify({
          chatId: crypto.randomUUID(),
          message: { id: "m1", role: "user", parts: [{ type: "text", text: "Tell me everything about token budgets." }] },
        }),
        signal: controller.signal,
      }),
    );
    const reader = response.body!.getReader();
    let seen = "";
    while (!seen.includes('"data-reply"')) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += new TextDecoder().decode(value);
    }
    controller.abort();
    await reader.cancel().catch(() => {});

    // The server sees its client go away mid-reply.
    for (let i = 0; i < 100 && mock.requests[0]?.outcome === "pending"; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]?.outcome).toBe("aborted");
  });
});
