import type { z } from "zod";
import { BallastError } from "@/lib/errors";

/**
 * Reads and validates a JSON request body. Every failure is a typed 4xx:
 * wrong content type 415, too many bytes 413 (counted while reading, so a huge
 * body is never buffered whole), malformed JSON, invalid UTF-8 or a NUL
 * character in any string 400, and a schema mismatch 400 naming each
 * offending field.
 */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  { maxBytes }: { maxBytes: number },
): Promise<z.infer<Schema>> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(contentType)) {
    throw new BallastError("unsupported_media_type:api");
  }

  const bytes = await readCapped(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BallastError("bad_request:api", { message: "The request body is not valid UTF-8." });
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BallastError("bad_request:api", { message: "The request body is not valid JSON." });
  }
  // Postgres cannot store U+0000 in text or jsonb: refused here, before a half-done request fails at its insert.
  const withNul = findNulString(json);
  if (withNul !== null) {
    throw new BallastError("bad_request:api", { message: `Invalid request: ${withNul || "the body"} contains a NUL character (\\u0000).` });
  }

  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues
      .slice(0, 5)
      .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message));
    throw new BallastError("bad_request:api", { message: `Invalid request: ${details.join("; ")}.` });
  }
  return parsed.data;
}

async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new BallastError("payload_too_large:api", {
      message: `The request body is larger than the ${Math.round(maxBytes / 1024)} KB limit.`,
    });
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let part: ReadableStreamReadResult<Uint8Array>;
    try {
      part = await reader.read();
    } catch (error) {
      // The client went away mid-upload (Node's "aborted", code ECONNRESET): its fault, not the
      // database's, which that code would otherwise be mistaken for (a false 503 and a warning).
      throw new BallastError("bad_request:api", { message: "The request body ended before it was complete.", cause: error });
    }
    const { done, value } = part;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

type Visit = { value: unknown; key: string; parent: Visit | null };

/**
 * The path ("message.parts.0.text") of the first key or string holding U+0000,
 * "" for the top level, or null when there is none. Iterative, with the path
 * built only when found: a body may nest arrays tens of thousands deep.
 */
function findNulString(root: unknown): string | null {
  const pathOf = (visit: Visit | null): string => {
    const keys: string[] = [];
    for (let at = visit; at?.parent; at = at.parent) keys.unshift(at.key);
    return keys.join(".");
  };
  const pending: Visit[] = [{ value: root, key: "", parent: null }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value === "string") {
      if (next.value.includes("\u0000")) return pathOf(next);
      continue;
    }
    if (typeof next.value !== "object" || next.value === null) continue;
    for (const [key, value] of Object.entries(next.value)) {
      const visit = { value, key, parent: next };
      if (key.includes("\u0000")) return pathOf(visit);
      pending.push(visit);
    }
  }
  return null;
}
