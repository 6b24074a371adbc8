import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, pgServerReachable, PG_ADMIN_URL } from "@/test/pg-server";
import { openDb, type Db } from "./client";
import { chats } from "./schema";

/** Every migration committed under db/migrations, as drizzle-kit's journal lists them. */
const committedMigrations = (JSON.parse(readFileSync(path.join(process.cwd(), "db/migrations/meta/_journal.json"), "utf8")) as { entries: unknown[] })
  .entries.length;

/** Rows drizzle recorded as applied (PGlite answers `{ rows }`, postgres.js an array). */
async function appliedMigrations(db: Db): Promise<number> {
  const result = (await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ n: number }>;
  return rows[0]?.n ?? 0;
}

describe("openDb on PGlite", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it("creates a fresh data directory, migrates it, and keeps data across a restart", async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), "ballast-db-"));
    dirs.push(parent);
    const dataDir = path.join(parent, "nested", "pglite");

    const first = await openDb({ dataDir });
    const id = crypto.randomUUID();
    await first.db.insert(chats).values({ id, ownerId: "owner", title: "kept" });
    await first.close();

    // Reopening applies the same migrations again: a no-op, and the row is still there.
    const second = await openDb({ dataDir });
    const rows = await second.db.select().from(chats);
    expect(rows.map((row) => row.title)).toEqual(["kept"]);
    expect(await appliedMigrations(second.db)).toBe(committedMigrations);
    await second.close();
  });
});

describe("openDb on a PostgreSQL server", async () => {
  const reachable = await pgServerReachable();
  if (!reachable) console.warn(`\n!!! SKIPPED: no PostgreSQL server at ${PG_ADMIN_URL}; openDb was tested on PGlite only.\n`);

  it.skipIf(!reachable)("migrates a new database once, however often it is opened", async () => {
    const database = await createTestDatabase();
    try {
      const first = await openDb({ url: database.url });
      const id = crypto.randomUUID();
      await first.db.insert(chats).values({ id, ownerId: "owner", title: "on postgres" });
      await first.close();

      const again = await openDb({ url: database.url });
      const rows = await again.db.select().from(chats);
      expect(rows.map((row) => row.id)).toEqual([id]);
      expect(await appliedMigrations(again.db)).toBe(committedMigrations);
      await again.close();
    } finally {
      await database.drop();
    }
  });
});
