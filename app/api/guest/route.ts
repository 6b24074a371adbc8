import { getAuth } from "@/lib/auth/auth";
import { routeHandler } from "@/lib/http/route-handler";

/**
 * GET /api/guest?next=/path: start a guest session (or keep the valid one) and
 * go back to `next`. proxy.ts sends first-time visitors here, and pages send a
 * visitor whose session cookie no longer names a session.
 */
export const GET = routeHandler("GET /api/guest", async (request: Request): Promise<Response> => {
  const url = new URL(request.url);
  const next = safeNext(url.searchParams.get("next"));
  const auth = await getAuth();
  const headers = new Headers({ location: next, "cache-control": "no-store" });
  if (!(await auth.api.getSession({ headers: request.headers }))) {
    const signIn = await auth.api.signInAnonymous({ headers: request.headers, asResponse: true });
    for (const line of signIn.headers.getSetCookie()) headers.append("set-cookie", line);
  }
  return new Response(null, { status: 303, headers });
});

/** Only a path on this site: an open redirect would let anyone bounce visitors elsewhere. */
function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
