import "server-only";
import { getAuth } from "@/lib/auth/auth";
import { BallastError } from "@/lib/errors";

/** Budget and permission tier: guests are anonymous users, admins have the admin role. */
export type Tier = "guest" | "user" | "admin";

export type CurrentUser = {
  id: string;
  tier: Tier;
  name: string;
  /** Null for guests (better-auth gives them a placeholder address nobody should see). */
  email: string | null;
};

type SessionUser = { id: string; name: string; email: string; isAnonymous?: boolean | null; role?: string | null };

export function toCurrentUser(user: SessionUser): CurrentUser {
  const tier: Tier = user.isAnonymous ? "guest" : user.role === "admin" ? "admin" : "user";
  return { id: user.id, tier, name: user.isAnonymous ? "Guest" : user.name, email: user.isAnonymous ? null : user.email };
}

/** The signed-in user (guest or account) for these request headers, or null. */
export async function userFromHeaders(requestHeaders: Headers): Promise<CurrentUser | null> {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: requestHeaders });
  return session ? toCurrentUser(session.user) : null;
}

/** For route handlers: the caller, or a 401 (a browser has a guest session from its first page view). */
export async function requireUser(request: Request): Promise<CurrentUser> {
  const user = await userFromHeaders(request.headers);
  if (!user) throw new BallastError("unauthorized:api");
  return user;
}
