import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDb, getDb } from "@/db/client";
import { ensureChat, listChats } from "@/db/queries/chats";
import { resetEnvForTests } from "@/lib/env";
import { userFromHeaders } from "@/lib/identity/current-user";
import { guestCookie, signUpCookie, TEST_AUTH_ENV } from "@/test/auth-session";
import { resetAuthForTests } from "./auth";

describe("identity with better-auth", () => {
  beforeAll(() => {
    vi.stubEnv("PGLITE_DIR", "memory://");
    for (const [key, value] of Object.entries(TEST_AUTH_ENV)) vi.stubEnv(key, value);
    vi.stubEnv("ADMIN_EMAILS", "Boss@Example.com, other@example.com");
    resetEnvForTests();
    resetAuthForTests();
  });
  afterAll(async () => {
    resetAuthForTests();
    await closeDb();
    vi.unstubAllEnvs();
    resetEnvForTests();
  });

  it("gives a first-time visitor a guest user with no email shown", async () => {
    const cookie = await guestCookie();
    const user = await userFromHeaders(new Headers({ cookie }));
    expect(user).toMatchObject({ tier: "guest", name: "Guest", email: null });
  });

  it("signing up from a guest session keeps the guest's chats", async () => {
    const cookie = await guestCookie();
    const guest = (await userFromHeaders(new Headers({ cookie })))!;
    const chatId = crypto.randomUUID();
    await ensureChat({ id: chatId, ownerId: guest.id, title: "kept across sign-up" });

    const upgraded = await signUpCookie({ email: "ada@example.com", password: "correct horse battery", name: "Ada", cookie });
    const user = (await userFromHeaders(new Headers({ cookie: upgraded })))!;
    expect(user).toMatchObject({ tier: "user", name: "Ada", email: "ada@example.com" });
    expect((await listChats({ ownerId: user.id })).map((chat) => chat.id)).toContain(chatId);
    expect(await listChats({ ownerId: guest.id })).toEqual([]);
    expect(await getDb()).toBeDefined();
  });

  it("makes an ADMIN_EMAILS address an admin when it signs up, and nobody else", async () => {
    const boss = await signUpCookie({ email: "boss@example.com", password: "correct horse battery", name: "Boss" });
    expect(await userFromHeaders(new Headers({ cookie: boss }))).toMatchObject({ tier: "admin", email: "boss@example.com" });
    const staff = await signUpCookie({ email: "staff@example.com", password: "correct horse battery", name: "Staff" });
    expect(await userFromHeaders(new Headers({ cookie: staff }))).toMatchObject({ tier: "user" });
  });

  it("an unknown or forged session cookie is no one", async () => {
    expect(await userFromHeaders(new Headers({ cookie: "better-auth.session_token=forged.value" }))).toBeNull();
    expect(await userFromHeaders(new Headers())).toBeNull();
  });
});
