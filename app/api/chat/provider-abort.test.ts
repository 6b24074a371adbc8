import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db/client";
import { resetAuthForTests } from "@/lib/auth/auth";
import { guestCookie, TEST_AUTH_ENV } from "@/test/auth-session";
import { resetModelChainForTests } from "@/lib/ai/registry";
import { resetEnvForTests } from "@/lib/env";
import { startMockLlm, type MockLlm } from "@/test/mock-llm/server.ts";
import { streamReply } from "@/lib/chat/stream-reply";
import { userFromHeaders } from "@/lib/identity/current-user";

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
    // The request path with the signal the route hands it (Next ties a request's signal to its
    // socket). A test-built Request forwards `signal` through a weakly held controller in undici
    // that GC may drop, which made this test flaky on a busy machine.
    const user = (await userFromHeaders(new Headers({ cookie: owner })))!;
    const response = await streamReply({ chatId: crypto.randomUUID(), user, text: "Tell me everything about token budgets.", abortSignal: controller.signal });
    const reader = response.body!.getReader();
    let seen = "";
    while (!seen.includes('"data-reply"')) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += new TextDecoder().decode(value);
    }
    controller.abort();
    await reader.cancel().catch(() => {});

    // The server sees its client go away mid-reply (well before the ~40 s reply would end;
    // the wait is generous because a loaded CI machine runs many test files at once).
    const abortedAt = performance.now();
    for (let i = 0; i < 200 && mock.requests[0]?.outcome === "pending"; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    console.log(`upstream request ${mock.requests[0]?.outcome} ${Math.round(performance.now() - abortedAt)} ms after the client's abort`);
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]?.outcome).toBe("aborted");
  });
});
