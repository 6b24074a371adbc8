import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db/client";
import { resetAuthForTests } from "@/lib/auth/auth";
import { resetEnvForTests } from "@/lib/env";
import { TEST_AUTH_ENV } from "@/test/auth-session";
import { GET, POST } from "./route";

describe("/api/auth/*", () => {
  beforeAll(() => {
    for (const [key, value] of Object.entries({ ...TEST_AUTH_ENV, PGLITE_DIR: "memory://" })) vi.stubEnv(key, value);
    resetEnvForTests();
    resetAuthForTests();
  });
  afterAll(async () => {
    resetAuthForTests();
    await closeDb();
    vi.unstubAllEnvs();
    resetEnvForTests();
  });

  it.each([
    ["GET", GET],
    ["POST", POST],
  ] as const)("answers an endpoint better-auth does not have (%s) with the JSON 404 every route sends", async (method, handler) => {
    const response = await handler(new Request("http://localhost:3000/api/auth/no-such-endpoint", { method, headers: { "content-type": "application/json" }, ...(method === "POST" ? { body: "{}" } : {}) }));
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found:api");
  });

  it("leaves better-auth's own answers alone", async () => {
    const session = await GET(new Request("http://localhost:3000/api/auth/get-session"));
    expect(session.status).toBe(200);
    const refused = await POST(
      new Request("http://localhost:3000/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "nobody@example.com", password: "not-a-password" }),
      }),
    );
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code?: string }).code).toBeTruthy();
  });
});
