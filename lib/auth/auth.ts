import "server-only";
import { drizzleAdapter } from "@better-auth/drizzle-adapter";
import { betterAuth } from "better-auth";
import { nextCookies } from "better-auth/next-js";
import { admin, anonymous } from "better-auth/plugins";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { accounts, chats, sessions, users, verifications } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { resolveAuthSecret } from "./secret";

function createAuth(db: Db, secret: string) {
  const env = getEnv();
  return betterAuth({
    appName: "Ballast",
    secret,
    baseURL: env.BETTER_AUTH_URL,
    // Without a configured URL, a form posted to the host the browser is on is same-origin
    // whatever that host is called (localhost, 127.0.0.1, a LAN address). A cross-site
    // page cannot forge the Host header, so this still refuses cross-site posts.
    trustedOrigins: env.BETTER_AUTH_URL ? undefined : (request) => (request ? [requestOrigin(request)] : []),
    database: drizzleAdapter(db, { provider: "pg", usePlural: true, schema: { users, sessions, accounts, verifications } }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, autoSignIn: true },
    databaseHooks: {
      user: {
        create: {
          // ADMIN_EMAILS: the first admin of a fresh deployment signs up like anyone else.
          before: async (user) => {
            const email = typeof user.email === "string" ? user.email.toLowerCase() : "";
            return { data: env.ADMIN_EMAILS.includes(email) ? { ...user, role: "admin" } : user };
          },
        },
      },
    },
    // proxy.ts checks the session on every request: a signed cookie answers most of
    // those checks without a database read.
    session: { cookieCache: { enabled: true, maxAge: 5 * 60 } },
    // Secure cookies only where the app is served over https (BETTER_AUTH_URL says so):
    // a local `next start` on http must keep its sessions.
    advanced: { useSecureCookies: env.BETTER_AUTH_URL?.startsWith("https://") ?? false },
    plugins: [
      anonymous({
        // Signing up or in from a guest session keeps the guest's chats.
        onLinkAccount: async ({ anonymousUser, newUser }) => {
          await db.update(chats).set({ ownerId: newUser.user.id }).where(eq(chats.ownerId, anonymousUser.user.id));
        },
      }),
      admin({ defaultRole: "user", adminRoles: ["admin"] }),
      // Lets server actions set auth cookies; must stay last.
      nextCookies(),
    ],
  });
}

function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

export type Auth = ReturnType<typeof createAuth>;

const holder = globalThis as typeof globalThis & { __ballastAuth?: Promise<Auth> };

/**
 * better-auth on the app's own database, created on first use (the database is
 * opened lazily too) and shared per process like the database handle.
 */
export function getAuth(): Promise<Auth> {
  if (!holder.__ballastAuth) {
    const creating = (async () => createAuth(await getDb(), await resolveAuthSecret()))();
    holder.__ballastAuth = creating;
    creating.catch(() => {
      if (holder.__ballastAuth === creating) holder.__ballastAuth = undefined;
    });
  }
  return holder.__ballastAuth;
}

/** Tests swap databases between suites; the next getAuth() builds a fresh instance. */
export function resetAuthForTests(): void {
  holder.__ballastAuth = undefined;
}
