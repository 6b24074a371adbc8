import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

/**
 * The server's one logger (pino). JSON lines in production, so a log shipper
 * can index them; readable colored lines in development. Every line written
 * while a request is being handled carries its `requestId` (see
 * withRequestContext), including lines from deep in lib/ and from the stream
 * that outlives the route handler's return.
 *
 * LOG_LEVEL sets the level (default "info"; tests run at "silent" unless
 * LOG_LEVEL says otherwise, so a failing test's output is not buried).
 */
type RequestContext = { requestId: string };

const globalForLogger = globalThis as unknown as { __ballastLogger?: Logger; __ballastRequestContext?: AsyncLocalStorage<RequestContext> };

/**
 * Shared across Next's bundles like the logger itself: instrumentation and
 * each route are separate module graphs, and a logger created in one must
 * read the request id set in another.
 */
const requestContext = (globalForLogger.__ballastRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** The logger as configured by the environment; `destination` is for tests. */
export function createLogger({ destination, level = process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info") }: { destination?: DestinationStream; level?: string } = {}): Logger {
  const options = {
    level,
    base: undefined,
    mixin: () => {
      const context = requestContext.getStore();
      return context ? { requestId: context.requestId } : {};
    },
  };
  if (destination) return pino(options, destination);
  // Synchronous pretty printing: pino's worker-thread transports do not survive Next's bundling.
  if (process.env.NODE_ENV !== "production" && !process.env.LOG_JSON) {
    return pino(options, pretty({ sync: true, colorize: process.stdout.isTTY, ignore: "pid,hostname", translateTime: "HH:MM:ss.l" }));
  }
  return pino(options);
}

/** Shared across Next's bundles (route handlers and instrumentation are separate module graphs). */
export const logger: Logger = (globalForLogger.__ballastLogger ??= createLogger());

/** Runs `fn` with `requestId` on every log line it (and everything it starts) writes. */
export function withRequestContext<T>(requestId: string, fn: () => T): T {
  return requestContext.run({ requestId }, fn);
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}
