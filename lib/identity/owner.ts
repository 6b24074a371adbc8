import "server-only";
import { cookies } from "next/headers";
import { OWNER_COOKIE, isValidOwnerId } from "./owner-cookie";

/** The visitor's id from a request's cookies, or null when it has none (or a forged one). */
export function ownerIdFromRequest(request: Request): string | null {
  const header = request.headers.get("cookie") ?? "";
  for (const pair of header.split(";")) {
    const [name, ...rest] = pair.trim().split("=");
    if (name === OWNER_COOKIE) {
      const value = decodeURIComponent(rest.join("="));
      return isValidOwnerId(value) ? value : null;
    }
  }
  return null;
}

/** The visitor's id in a server component; proxy.ts guarantees the cookie. */
export async function getOwnerId(): Promise<string> {
  const value = (await cookies()).get(OWNER_COOKIE)?.value;
  if (!isValidOwnerId(value)) throw new Error(`missing ${OWNER_COOKIE} cookie: is proxy.ts running?`);
  return value;
}
