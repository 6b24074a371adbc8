/**
 * Creates the first admin, or makes an existing account an admin:
 *
 *   npm run create-admin -- --email you@example.com --password 'a long one' [--name "Your Name"]
 *
 * Uses the same database as the app (DATABASE_URL, or PGlite in PGLITE_DIR).
 * With PGlite, stop the app first: one embedded database, one process.
 */
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { users } from "@/db/schema";
import { getAuth } from "@/lib/auth/auth";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
  });
  const email = values.email?.trim().toLowerCase();
  if (!email || !email.includes("@")) throw new Error("--email is required, e.g. --email you@example.com");

  const db = await getDb();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (!existing) {
    if (!values.password || values.password.length < 8) throw new Error("--password of at least 8 characters is required for a new account");
    const auth = await getAuth();
    await auth.api.signUpEmail({ body: { email, password: values.password, name: values.name ?? email.split("@")[0]! } });
  }
  const [updated] = await db.update(users).set({ role: "admin", updatedAt: new Date() }).where(eq(users.email, email)).returning({ id: users.id });
  if (!updated) throw new Error(`no account with email ${email}`);
  console.log(`${email} is an admin${existing ? " (existing account)" : " (new account)"}.`);
}

main()
  .catch((error: unknown) => {
    console.error(`create-admin: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
