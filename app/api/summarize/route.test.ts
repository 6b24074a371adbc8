import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db/client";
import { resetAuthForTests } from "@/lib/auth/auth";
import { guestCookie, TEST_AUTH_ENV } from "@/test/auth-session";
import { resetModelChainForTests } from "@/lib/ai/registry";
import type { SummarizeUIMessage, SummaryPartData } from "@/lib/chat/ui-message";
import { resetEnvForTests } from "@/lib/env";
import { summarySchema } from "@/lib/features/summarize";
import { readUIChunks } from "@/test/sse";
import { POST } from "./route";

let cookie = "";

function summarize(body: unknown): Promise<Response> {
  return POST(
    new Request("http://localhost/api/summarize", {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify(body),
    }),
  );
}

async function summaries(response: Response): Promise<SummaryPartData[]> {
  const chunks = await readUIChunks<SummarizeUIMessage>(response);
  return chunks.flatMap((chunk) => (chunk.type === "data-summary" ? [chunk.data] : []));
}

const article =
  "Most LLM demos die in staging. Structured output with a schema and one retry fixes malformed replies. " +
  "Streaming hides latency. Token budgets per user and per day stop runaway cost before it starts.";

describe("POST /api/summarize", () => {
  beforeAll(async () => {
    for (const [key, value] of Object.entries({ ...TEST_AUTH_ENV, PGLITE_DIR: "memory://" })) vi.stubEnv(key, value);
    resetEnvForTests();
    resetAuthForTests();
    cookie = await guestCookie();
  });
  afterAll(async () => {
    resetAuthForTests();
    await closeDb();
  });
  beforeEach(() => {
    for (const [key, value] of Object.entries({ ...TEST_AUTH_ENV, PGLITE_DIR: "memory://" })) vi.stubEnv(key, value);
    vi.stubEnv("OFFLINE_FIRST_CHUNK_MS", "0");
    vi.stubEnv("OFFLINE_CHUNK_MS", "0");
    resetEnvForTests();
    resetModelChainForTests();
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    resetModelChainForTests();
  });

  it("streams one data-summary part in place and ends with a schema-valid summary", async () => {
    const response = await summarize({ text: article });
    expect(response.status).toBe(200);
    const parts = await summaries(response);
    expect(parts.length).toBeGreaterThan(1);
    const final = parts.at(-1)!;
    expect(final.state).toBe("done");
    expect(final.attempt).toBe(1);
    // Exactly the summarize schema: the model was asked for these fields only.
    expect(Object.keys(final.reply).sort()).toEqual(["confidence", "summary", "tags"]);
    expect(summarySchema.safeParse(final.reply).success).toBe(true);
  });

  it("refuses empty text with 400 and text over the limit with 413 and its size", async () => {
    const empty = await summarize({ text: "   " });
    expect(empty.status).toBe(400);
    const long = await summarize({ text: "a".repeat(20_001) });
    expect(long.status).toBe(413);
    expect(((await long.json()) as { error: { message: string } }).error.message).toContain("20,001 characters; the limit is 20,000");
  });

  it("retries in place when the dev fault switch breaks the first attempt", async () => {
    vi.stubEnv("BALLAST_DEV_TOOLS", "1");
    resetEnvForTests();
    const parts = await summaries(await summarize({ text: article, faults: { modes: ["missing_field"], rate: 1, firstAttemptOnly: true } }));
    const final = parts.at(-1)!;
    expect(final.state).toBe("done");
    expect(final.attempt).toBe(2);
    expect(final.retry?.reason).toBe("invalid_output");
    expect(final.retry?.problem).toMatch(/summary/);
  });

  it("refuses fault injection with 403 when dev tools are off", async () => {
    vi.stubEnv("NODE_ENV", "production");
    resetEnvForTests();
    const response = await summarize({ text: article, faults: { modes: ["prose"], rate: 1, firstAttemptOnly: true } });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden:dev_tools");
  });
});
