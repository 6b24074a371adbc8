import { isErrorCode } from "@/lib/errors";
import { replySchema, type Reply } from "@/lib/features/reply";
import { parseSse, type ChatChunk } from "@/test/sse";

/** How one POST /api/chat ended, as a client sees it. */
export type ChatOutcome =
  | { kind: "reply"; reply: Reply; attempt: number; retry: string | null; model: string | null }
  /** A specific error of the contract (lib/errors.ts), before the stream (HTTP status) or in it (error chunk). */
  | { kind: "typed-error"; status: number; code: string; inStream: boolean }
  /** Anything else: an untyped 500, a body that is not the contract, a stream that just stops. */
  | { kind: "untyped"; status: number; detail: string };

/** Sends one chat message and reads the answer to its end. */
export async function sendChat({ baseUrl, cookie, chatId, text, messageId = crypto.randomUUID() }: { baseUrl: string; cookie: string; chatId: string; text: string; messageId?: string }): Promise<ChatOutcome> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ chatId, message: { id: messageId, role: "user", parts: [{ type: "text", text }] } }),
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    return { kind: "untyped", status: 0, detail: `no answer: ${error instanceof Error ? error.message : String(error)}` };
  }
  const body = await response.text().catch((error: unknown) => `(body cut: ${String(error)})`);
  if (response.status !== 200) return typedOrNot(response.status, body, false);

  let chunks: ChatChunk[];
  try {
    chunks = parseSse(body);
  } catch {
    return { kind: "untyped", status: 200, detail: `not a UI message stream: ${body.slice(0, 200)}` };
  }
  const error = chunks.find((chunk) => chunk.type === "error");
  if (error && error.type === "error") return typedOrNot(200, error.errorText, true);
  const final = chunks.flatMap((chunk) => (chunk.type === "data-reply" ? [chunk.data] : [])).at(-1);
  if (final?.state !== "done") return { kind: "untyped", status: 200, detail: `stream ended without a finished reply or an error (last state: ${final?.state ?? "none"})` };
  const parsed = replySchema.safeParse(final.reply);
  if (!parsed.success) return { kind: "untyped", status: 200, detail: `a "done" reply that does not match the schema: ${parsed.error.message.slice(0, 200)}` };
  return { kind: "reply", reply: parsed.data, attempt: final.attempt, retry: final.retry?.reason ?? null, model: final.model ?? null };
}

function typedOrNot(status: number, text: string, inStream: boolean): ChatOutcome {
  let code: unknown;
  try {
    code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
  } catch {
    return { kind: "untyped", status, detail: `not JSON: ${text.slice(0, 200)}` };
  }
  if (typeof code !== "string" || !isErrorCode(code) || code === "internal:api") return { kind: "untyped", status, detail: text.slice(0, 300) };
  return { kind: "typed-error", status, code, inStream };
}
