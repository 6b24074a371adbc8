import "server-only";
import { logger, withRequestContext } from "@/lib/log/logger";
import { errorResponse } from "./error-response";

/**
 * Wraps a route handler: gives the request an id (on every log line written
 * while it is handled, in the `x-request-id` response header, and as the
 * budget and call-log key of its model calls), turns anything thrown into the
 * typed JSON error answer, and logs one line per request with its status and
 * duration. The id is always minted here: a client-chosen id could collide
 * with another request's budget reservation.
 */
export function routeHandler<Context = void | { params: Promise<unknown> }>(
  name: string,
  handle: (request: Request, context: Context, requestId: string) => Promise<Response>,
): (request: Request, context: Context) => Promise<Response> {
  return (request, context) => {
    const requestId = crypto.randomUUID();
    return withRequestContext(requestId, async () => {
      const started = performance.now();
      let response: Response;
      try {
        response = await handle(request, context, requestId);
      } catch (error) {
        response = errorResponse(error, name);
      }
      try {
        response.headers.set("x-request-id", requestId);
      } catch {
        // Some responses (redirects) have immutable headers; the log line still has the id.
      }
      logger.info({ route: name, status: response.status, ms: Math.round(performance.now() - started) }, "request");
      return response;
    });
  };
}
