import { afterEach, describe, expect, it, vi } from "vitest";
import { resetModelChainForTests } from "@/lib/ai/registry";
import { resetEnvForTests } from "@/lib/env";
import { parseSse } from "@/test/sse";
import { POST } from "./route";

function post(body: string): Request {
  return new Request("http://localhost/api/bench/bare", { method: "POST", headers: { "content-type": "application/json" }, body });
}

const valid = JSON.stringify({ message: { parts: [{ type: "text", text: "How do budgets work?" }] } });

function withEnv(env: Record<string, string>): void {
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  resetEnvForTests();
  resetModelChainForTests();
}

describe("POST /api/bench/bare (the pipeline benchmark's reference route)", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    resetModelChainForTests();
  });

  it("does not exist unless BALLAST_BENCH_ROUTES=1: an unmetered model call must never be reachable in a deployment", async () => {
    withEnv({ BALLAST_BENCH_ROUTES: "" });
    const response = await POST(post(valid));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found:api");
  });

  it("streams the primary model's reply as text deltas when switched on", async () => {
    withEnv({ BALLAST_BENCH_ROUTES: "1", OFFLINE_FIRST_CHUNK_MS: "0", OFFLINE_CHUNK_MS: "0" });
    const response = await POST(post(valid));
    expect(response.status).toBe(200);
    const chunks = parseSse(await response.text());
    expect(chunks.some((chunk) => chunk.type === "text-delta")).toBe(true);
  });

  it("answers a body without a message text with a 400, not a 500", async () => {
    withEnv({ BALLAST_BENCH_ROUTES: "1" });
    for (const body of ["not json", "null", '{"message": 1}']) expect((await POST(post(body))).status).toBe(400);
  });
});
