import { getAuth } from "@/lib/auth/auth";
import { BallastError } from "@/lib/errors";
import { routeHandler } from "@/lib/http/route-handler";

/**
 * better-auth's endpoints (sign-up, sign-in, sign-out, session): /api/auth/*.
 * Its errors are JSON ({ code, message }) except for a path it does not know,
 * which it answers with an empty 404: that one gets the app's JSON error like
 * every other unknown thing (found by bench/soak-bad-input.test.ts).
 */
async function handle(request: Request): Promise<Response> {
  const response = await (await getAuth()).handler(request);
  if (response.status === 404 && !(response.headers.get("content-type") ?? "").includes("json")) {
    return new BallastError("not_found:api", { message: "There is no such auth endpoint." }).toResponse();
  }
  return response;
}

export const GET = routeHandler("GET /api/auth/*", handle);
export const POST = routeHandler("POST /api/auth/*", handle);
