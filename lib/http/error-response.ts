import "server-only";
import { toBallastError } from "@/lib/errors";

/** The JSON error answer for anything a route handler threw; server faults are logged. */
export function errorResponse(error: unknown, route: string): Response {
  const typed = toBallastError(error);
  if (typed.status >= 500) console.error(`[${route}] ${typed.code}: ${typed.message}`, typed.cause ?? "");
  return typed.toResponse();
}

/** The errorText of a UI message stream's error chunk: the same JSON body as a non-stream error. */
export function streamErrorText(error: unknown, route: string): string {
  const typed = toBallastError(error);
  if (typed.status >= 500) console.error(`[${route}] ${typed.code}: ${typed.message}`, typed.cause ?? "");
  return JSON.stringify(typed.toBody());
}
