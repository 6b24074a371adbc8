import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { userFromHeaders, type CurrentUser } from "./current-user";

/**
 * For server components: the visitor, who always has at least a guest session
 * (proxy.ts). A cookie that names no session any more (expired, database reset)
 * goes through /api/guest for a fresh guest.
 */
export async function getCurrentUser(): Promise<CurrentUser> {
  const user = await userFromHeaders(await headers());
  if (!user) redirect("/api/guest?next=/");
  return user;
}
