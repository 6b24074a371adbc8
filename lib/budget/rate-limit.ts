import "server-only";
import { lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimitWindows } from "@/db/schema-budget";
import { getBudgetConfig, type BudgetConfig } from "./limits";

export type RateLimitResult =
  | { ok: true }
  | {
      ok: false;
      /** Which limit: the user's, or the client address's (shared by everyone behind one NAT). */
      key: "user" | "ip";
      limit: number;
      /** Seconds until the window turns over: the Retry-After header. */
      retryAfterSeconds: number;
    };

const WINDOW_MS = 60_000;

/**
 * Counts one request against a fixed window in Postgres, so every app process
 * shares one count. A single upsert both creates and increments the row, and
 * returns the new count: no read-then-write race.
 */
export async function hitWindow({
  db,
  key,
  limit,
  now = new Date(),
  windowMs = WINDOW_MS,
}: {
  db: Db;
  key: string;
  limit: number;
  now?: Date;
  windowMs?: number;
}): Promise<{ ok: boolean; count: number; retryAfterSeconds: number }> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimitWindows)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimitWindows.key, rateLimitWindows.windowStart],
      set: { count: sql`${rateLimitWindows.count} + 1` },
    })
    .returning({ count: rateLimitWindows.count });
  if (!row) throw new Error("upsert into rate_limit_windows returned no row");
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { ok: row.count <= limit, count: row.count, retryAfterSeconds };
}

/**
 * Requests per minute per user and per client address. Every request counts,
 * refused ones included: a client hammering through its refusals stays refused.
 * `ip` null (unknown address) checks the user only.
 */
export async function checkRateLimit({
  db,
  userId,
  ip,
  now = new Date(),
  config = getBudgetConfig(),
}: {
  db: Db;
  userId: string;
  ip: string | null;
  now?: Date;
  config?: BudgetConfig;
}): Promise<RateLimitResult> {
  const user = await hitWindow({ db, key: `user:${userId}`, limit: config.rateLimit.userPerMinute, now });
  if (!user.ok) return { ok: false, key: "user", limit: config.rateLimit.userPerMinute, retryAfterSeconds: user.retryAfterSeconds };
  if (ip === null) return { ok: true };
  const address = await hitWindow({ db, key: `ip:${ip}`, limit: config.rateLimit.ipPerMinute, now });
  if (!address.ok) return { ok: false, key: "ip", limit: config.rateLimit.ipPerMinute, retryAfterSeconds: address.retryAfterSeconds };
  return { ok: true };
}

/** Deletes windows that ended long ago (called by the sweep). */
export async function pruneRateLimitWindows({ db, before }: { db: Db; before: Date }): Promise<void> {
  await db.delete(rateLimitWindows).where(lt(rateLimitWindows.windowStart, before));
}
