import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";

/**
 * Every visitor has a user before any page renders: a page request without a
 * session cookie is sent through /api/guest, which creates a guest (better-auth's
 * anonymous user) and comes straight back. The proxy itself never touches the
 * database: Next runs it in its own context, where a second PGlite instance on
 * the same directory would not see (or would corrupt) the app's data.
 * API requests without a session get 401 from their route.
 */
export function proxy(request: NextRequest) {
  if (getSessionCookie(request)) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/api/")) return NextResponse.next();
  const url = new URL("/api/guest", request.url);
  url.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(url, 307);
}

export const config = {
  // Pages only: static assets and API routes never need a guest created for them.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
