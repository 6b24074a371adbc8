import "server-only";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { BallastError } from "@/lib/errors";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import * as schema from "./schema";

/** The one database type the app codes against: PGlite and postgres.js both satisfy it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbHandle = { db: Db; driver: "pglite" | "postgres"; close: () => Promise<void> };

export type OpenDbOptions = {
  /** postgres:// URL; when absent, PGlite is used. */
  url?: string;
  /** PGlite data directory ("memory://" for an in-memory database). */
  dataDir?: string;
};

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/**
 * Opens a database and applies the committed migrations (idempotent: drizzle
 * records what it applied). Drivers are imported here, not at module top, so
 * `next build` and pages that never touch the database load neither.
 */
export async function openDb(options: OpenDbOptions): Promise<DbHandle> {
  if (options.url) {
    const [{ default: postgres }, { drizzle }, { migrate }] = await Promise.all([
      import("postgres"),
      import("drizzle-orm/postgres-js"),
      import("drizzle-orm/postgres-js/migrator"),
    ]);
    // onnotice: silence "relation already exists, skipping" chatter from migrations.
    const client = postgres(options.url, { max: 10, onnotice: () => {} });
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    return { db, driver: "postgres", close: () => client.end({ timeout: 5 }) };
  }

  const dataDir = options.dataDir ?? ".data/pglite";
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  if (!dataDir.startsWith("memory://")) {
    const { mkdir } = await import("node:fs/promises");
    await mkdir(path.resolve(/*turbopackIgnore: true*/ dataDir), { recursive: true });
  }
  const client = await PGlite.create(dataDir);
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return { db, driver: "pglite", close: () => client.close() };
}

/**
 * Next.js bundles route handlers, server components and instrumentation
 * separately, so a module-level variable would exist once per bundle and open
 * PGlite several times on one directory (each blind to the others' writes).
 * The handle lives on globalThis: one database per process.
 */
const holder = globalThis as typeof globalThis & { __ballastDb?: Promise<DbHandle> };

/** The process-wide database, opened (and migrated) on first use. */
export function getDbHandle(): Promise<DbHandle> {
  if (!holder.__ballastDb) {
    const env = getEnv();
    const opening = openDb({ url: env.DATABASE_URL, dataDir: env.PGLITE_DIR }).catch((error: unknown) => {
      logger.error({ err: error }, "cannot open the database");
      throw new BallastError("unavailable:database", { cause: error });
    });
    holder.__ballastDb = opening;
    // A failed open must not be cached: the next request tries again.
    opening.catch(() => {
      if (holder.__ballastDb === opening) holder.__ballastDb = undefined;
    });
  }
  return holder.__ballastDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Closes the shared database (tests, graceful shutdown). */
export async function closeDb(): Promise<void> {
  const current = holder.__ballastDb;
  holder.__ballastDb = undefined;
  if (current) await (await current).close();
}
