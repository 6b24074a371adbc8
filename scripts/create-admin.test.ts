import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { users } from "@/db/schema";

const run = promisify(execFile);

describe("npm run create-admin", () => {
  let dir = "";
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("creates an admin account, and promotes an existing one, in the app's database", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "ballast-admin-"));
    const env = { ...process.env, PGLITE_DIR: path.join(dir, "pglite"), BETTER_AUTH_SECRET: "test-secret-test-secret-test-secret-0123" };
    const cli = ["--conditions=react-server", "--import", "tsx", "scripts/create-admin.ts"];

    const created = await run(process.execPath, [...cli, "--email", "Root@Example.com", "--password", "long enough pass", "--name", "Root"], { env });
    expect(created.stdout).toContain("root@example.com is an admin (new account)");
    const again = await run(process.execPath, [...cli, "--email", "root@example.com"], { env });
    expect(again.stdout).toContain("(existing account)");
    await expect(run(process.execPath, [...cli, "--email", "nobody@example.com"], { env })).rejects.toMatchObject({ code: 1 });

    const { db, close } = await openDb({ dataDir: path.join(dir, "pglite") });
    const rows = await db.select({ role: users.role, name: users.name }).from(users).where(eq(users.email, "root@example.com"));
    expect(rows).toEqual([{ role: "admin", name: "Root" }]);
    await close();
  }, 60_000);
});
