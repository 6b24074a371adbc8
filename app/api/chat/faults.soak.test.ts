import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db/client";
import { resetAuthForTests } from "@/lib/auth/auth";
import { guestCookie, TEST_AUTH_ENV } from "@/test/auth-session";
import { NO_LIMITS_ENV, resetConfigForTests } from "@/test/config";
import { resetModelChainForTests } from "@/lib/ai/registry";
import { resetEnvForTests } from "@/lib/env";
import { isErrorCode } from "@/lib/errors";
import { replySchema } from "@/lib/features/reply";
import { startMockLlm, type MockLlm } from "@/test/mock-llm/server.ts";
import { readUIChunks } from "@/test/sse";
import { POST as postChat } from "./route";

const REQUESTS = Number(process.env.SOAK_REQUESTS ?? 200);
/** A guest's Cookie header, made in beforeAll. */
let owner = "";

/**
 * Every fault mode at 30% from a real OpenAI-compatible server over HTTP, a
 * fallback model configured, and the production client (@ai-sdk/openai) in the
 * path: each request must end in a schema-valid reply or a specific typed error.
 */
describe(`/api/chat under faults: ${REQUESTS} sequential requests, every fault mode at 30%`, () => {
  let mock: MockLlm;

  beforeAll(async () => {
    mock = await startMockLlm({
      faults: { rate: 0.3, modes: "all", seed: 20261128 },
      latencySpikeMs: 1_200,
      retryAfterSeconds: 1,
    });
    const env = {
      ...TEST_AUTH_ENV,
      ...NO_LIMITS_ENV,
      PGLITE_DIR: "memory://",
      OPENAI_BASE_URL: mock.url,
      OPENAI_API_KEY: "test",
      LLM_MODEL: "mock-chaos",
      LLM_FALLBACK_MODELS: "mock-chaos-fallback",
      // A spike longer than the first-chunk timeout is abandoned and sent to the fallback.
      LLM_FIRST_CHUNK_TIMEOUT_MS: "800",
      LLM_SLOW_NOTICE_MS: "300",
      LLM_MAX_BACKOFF_MS: "2000",
    };
    for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
    resetConfigForTests();
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

  it("ends every request in a valid reply or a typed error, and prints the outcomes", { timeout: 180_000 }, async () => {
    const outcomes = new Map<string, number>();
    const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    const untyped: string[] = [];

    for (let i = 0; i < REQUESTS; i++) {
      const response = await postChat(
        new Request("http://localhost/api/chat", {
          method: "POST",
          headers: { "content-type": "application/json", cookie: owner },
          body: JSON.stringify({
            chatId: crypto.randomUUID(),
            message: { id: `m${i}`, role: "user", parts: [{ type: "text", text: `Question ${i}: how do retries and fallbacks keep an LLM feature up?` }] },
          }),
        }),
      );
      expect(response.status).toBe(200);
      const chunks = await readUIChunks(response);
      const replies = chunks.flatMap((chunk) => (chunk.type === "data-reply" ? [chunk.data] : []));
      const final = replies.at(-1);
      const error = chunks.find((chunk) => chunk.type === "error");

      if (final?.state === "done" && !error) {
        expect(replySchema.safeParse(final.reply).success).toBe(true);
        const via = final.retry ? `after ${final.retry.reason}` : "first try";
        count(`valid reply · attempt ${final.attempt} · ${via}`);
      } else if (error && error.type === "error") {
        const code = (JSON.parse(error.errorText) as { error?: { code?: string } }).error?.code ?? "";
        if (!isErrorCode(code) || code === "internal:api") untyped.push(error.errorText);
        count(`typed error · ${code}`);
      } else {
        untyped.push(`request ${i}: neither a finished reply nor an error (${final?.state ?? "no reply part"})`);
      }
    }

    const rows = [...outcomes].sort((a, b) => b[1] - a[1]);
    const faulted = mock.requests.filter((request) => request.fault !== null);
    console.log(
      [
        `\n${REQUESTS} requests, ${mock.requests.length} upstream attempts (${faulted.length} with an injected fault):`,
        ...rows.map(([key, n]) => `  ${String(n).padStart(4)}  ${key}`),
        `  faults injected: ${[...countBy(faulted.map((request) => request.fault ?? ""))].map(([mode, n]) => `${mode} ${n}`).join(", ")}`,
      ].join("\n"),
    );

    expect(untyped).toEqual([]);
    const valid = rows.filter(([key]) => key.startsWith("valid")).reduce((sum, [, n]) => sum + n, 0);
    // With a 30% fault rate, a retry and a fallback, most requests still get a reply.
    expect(valid).toBeGreaterThan(REQUESTS * 0.8);
    // The reliability layer visibly did its work: repairs are silent, but retries and fallbacks show.
    expect(rows.some(([key]) => key.includes("after invalid_output"))).toBe(true);
    expect(rows.some(([key]) => key.includes("after fallback"))).toBe(true);
  });
});

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}
