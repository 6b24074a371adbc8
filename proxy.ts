import { NextResponse, type NextRequest } from "next/server";
import { OWNER_COOKIE, OWNER_COOKIE_MAX_AGE_S, isValidOwnerId, newOwnerId } from "@/lib/identity/owner-cookie";

/**
 * Gives every first-time visitor an owner id before any page or API route runs,
 * so server code can rely on it. The new cookie is also forwarded on the
 * request itself: the page rendering this very response already sees it.
 */
export function proxy(request: NextRequest) {
  if (isValidOwnerId(request.cookies.get(OWNER_COOKIE)?.value)) return NextResponse.next();

  const ownerId = newOwnerId();
  request.cookies.set(OWNER_COOKIE, ownerId);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(OWNER_COOKIE, ownerId, {
    httpOnly: true,
    sameSite: "lax",
    secure: request.nextUrl.protocol === "https:",
    path: "/",
    maxAge: OWNER_COOKIE_MAX_AGE_S,
  });
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
