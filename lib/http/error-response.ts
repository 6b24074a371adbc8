import "server-only";
import { describeError, toBallastError, type BallastError } from "@/lib/errors";
import { logger } from "@/lib/log/logger";

/** The JSON error answer for anything a route handler threw; see logError for what is logged. */
export function errorResponse(error: unknown, route: string): Response {
  const typed = toBallastError(error);
  logError(typed, route);
  return typed.toResponse();
}

/** The errorText of a UI message stream's error chunk: the same JSON body as a non-stream error. */
export function streamErrorText(error: unknown, route: string): string {
  const typed = toBallastError(error);
  logError(typed, route);
  return JSON.stringify(typed.toBody());
}

/**
 * Known causes get one line (their code says what happened); an unexpected
 * error gets its stack, because that is the one somebody has to debug.
 */
function logError(error: BallastError, route: string): void {
  if (!describeError(error.code).log) return;
  const cause = error.cause;
  if (error.code === "internal:api") {
    logger.error({ route, code: error.code, err: cause }, "unexpected error");
  } else {
    const detail = cause instanceof Error ? cause.message : typeof cause === "object" && cause && "message" in cause ? String(cause.message) : undefined;
    logger.warn({ route, code: error.code, detail }, error.message);
  }
}
