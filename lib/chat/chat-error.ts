import type { ApiErrorBody } from "./ui-message";

export type ChatError = { code: string; message: string };

const FALLBACK: ChatError = {
  code: "network",
  message: "The connection to the server was lost. Check your network and try again.",
};

/**
 * Turns what `useChat` reports into the server's typed error. The transport
 * throws the raw response body for non-2xx answers, and mid-stream errors arrive
 * as the `errorText` the route wrote; both carry an `ApiErrorBody` as JSON.
 */
export function parseChatError(error: Error | undefined): ChatError | undefined {
  if (!error) return undefined;
  try {
    const body = JSON.parse(error.message) as Partial<ApiErrorBody>;
    if (body.error && typeof body.error.code === "string" && typeof body.error.message === "string") {
      return { code: body.error.code, message: body.error.message };
    }
  } catch {
    // Not JSON: a network failure or a proxy's HTML page.
  }
  return FALLBACK;
}
