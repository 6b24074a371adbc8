import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb } from "@/db/client";
import { resetAuthForTests } from "@/lib/auth/auth";
import { resetEnvForTests } from "@/lib/env";
import { userFromHeaders } from "@/lib/identity/current-user";
import { cookieHeaderFrom, TEST_AUTH_ENV } from "@/test/auth-session";
import { GET } from "./route";

describe("GET /api/guest", () => {
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

  it("starts a guest session and goes back to the page asked for", async () => {
    const response = await GET(new Request("http://localhost/api/guest?next=%2Fchat%2Fabc%3Fx%3D1"));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/chat/abc?x=1");
    const user = await userFromHeaders(new Headers({ cookie: cookieHeaderFrom(response) }));
    expect(user?.tier).toBe("guest");
  });

  it("keeps a valid session instead of making another guest", async () => {
    const first = cookieHeaderFrom(await GET(new Request("http://localhost/api/guest")));
    const again = await GET(new Request("http://localhost/api/guest", { headers: { cookie: first } }));
    expect(again.headers.getSetCookie()).toEqual([]);
  });

  it.each(["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"])("never redirects off the site (next=%s)", async (next) => {
    const response = await GET(new Request(`http://localhost/api/guest?next=${encodeURIComponent(next)}`));
    expect(response.headers.get("location")).toBe("/");
  });
});
