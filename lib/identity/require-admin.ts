import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { BallastError } from "@/lib/errors";
import { requireUser, userFromHeaders, type CurrentUser } from "./current-user";

/*
 * Admin pages and their data answer 404 to anyone but an admin: a guest, a
 * signed-in user or a visitor without a session learns nothing, not even that
 * the page exists. Every admin page and route calls one of these itself (a
 * layout's check does not cover a page's own data requests).
 */

/** For server components under /admin. */
export async function requireAdminPage(): Promise<CurrentUser> {
  const user = await userFromHeaders(await headers());
  if (user?.tier !== "admin") notFound();
  return user;
}

/** For route handlers under /api/admin: a 404 error for anyone but an admin. */
export async function requireAdmin(request: Request): Promise<CurrentUser> {
  const user = await requireUser(request).catch(() => null);
  if (user?.tier !== "admin") throw new BallastError("not_found:api");
  return user;
}
