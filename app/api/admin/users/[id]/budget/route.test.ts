import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { users } from "@/db/schema";
import { userFromHeaders } from "@/lib/identity/current-user";
import { guestCookie, signInCookie, signUpCookie, TEST_AUTH_ENV } from "@/test/auth-session";
import { resetConfigForTests } from "@/test/config";
import { POST as postChat } from "../../../../chat/route";
import { DELETE, GET, PUT } from "./route";

const context = (id: string) => ({ params: Promise.resolve({ id }) });
const put = (id: string, cookie: string, body: unknown) =>
  PUT(new Request(`http://localhost/api/admin/users/${id}/budget`, { method: "PUT", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) }), context(id));

describe("admin budget overrides: /api/admin/users/:id/budget", () => {
  let admin = "";
  let guest = "";
  let guestId = "";

  beforeAll(async () => {
    for (const [key, value] of Object.entries({ ...TEST_AUTH_ENV, PGLITE_DIR: "memory://", OFFLINE_FIRST_CHUNK_MS: "0", OFFLINE_CHUNK_MS: "0" })) vi.stubEnv(key, value);
    resetConfigForTests();
    await signUpCookie({ email: "admin@example.com", password: "admin password", name: "Admin" });
    await (await getDb()).update(users).set({ role: "admin" }).where(eq(users.email, "admin@example.com"));
    // A session started after the promotion: the cached session cookie carries the role.
    admin = await signInCookie({ email: "admin@example.com", password: "admin password" });
    guest = await guestCookie();
    guestId = (await userFromHeaders(new Headers({ cookie: guest })))!.id;
  });
  afterAll(async () => {
    await closeDb();
    vi.unstubAllEnvs();
    resetConfigForTests();
  });

  it("is invisible to anyone but an admin", async () => {
    expect((await put(guestId, guest, { user_day: { tokens: 1 } })).status).toBe(404);
    expect((await GET(new Request("http://localhost/x", { headers: { cookie: guest } }), context(guestId))).status).toBe(404);
  });

  it("an admin's override takes effect at the user's next request, and clearing it restores the tier", async () => {
    const send = () =>
      postChat(
        new Request("http://localhost/api/chat", {
          method: "POST",
          headers: { "content-type": "application/json", cookie: guest },
          body: JSON.stringify({ chatId: crypto.randomUUID(), message: { id: "m", role: "user", parts: [{ type: "text", text: "Hello budget." }] } }),
        }),
      );
    const set = await put(guestId, admin, { user_day: { tokens: 100 } });
    expect(set.status).toBe(200);
    const refused = await send();
    expect(refused.status).toBe(402);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain("today's budget of 100 tokens");

    const cleared = await DELETE(new Request("http://localhost/x", { method: "DELETE", headers: { cookie: admin } }), context(guestId));
    expect(await cleared.json()).toEqual({ cleared: true });
    const admitted = await send();
    expect(admitted.status).toBe(200);
    await admitted.text();
  });

  it("rejects malformed limits with 400 and unknown users with 404", async () => {
    expect((await put(guestId, admin, { user_day: { tokens: -5 } })).status).toBe(400);
    expect((await put(guestId, admin, { per_year: { tokens: 5 } })).status).toBe(400);
    expect((await put("no-such-user", admin, { user_day: { tokens: 5 } })).status).toBe(404);
  });
});
