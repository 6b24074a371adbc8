import { devToolsEnabled } from "@/lib/ai/fault-injection";
import { enforceRateLimit } from "@/lib/budget/admission";
import { streamReply } from "@/lib/chat/stream-reply";
import { BallastError } from "@/lib/errors";
import { routeHandler } from "@/lib/http/route-handler";
import { readJsonBody } from "@/lib/http/read-json-body";
import { requireUser } from "@/lib/identity/current-user";
import { chatRequestSchema } from "./schema";

// A body holds one message (8,000 characters at most, up to 4 bytes each in UTF-8) plus JSON framing.
const MAX_BODY_BYTES = 64 * 1024;

export const POST = routeHandler("POST /api/chat", async (request: Request, _context, requestId): Promise<Response> => {
  const user = await requireUser(request);
  await enforceRateLimit({ user, request });
  const body = await readJsonBody(request, chatRequestSchema, { maxBytes: MAX_BODY_BYTES });
  if (body.faults && !devToolsEnabled()) throw new BallastError("forbidden:dev_tools");
  const text = body.message.parts.map((part) => part.text).join("\n");
  return await streamReply({ requestId, chatId: body.chatId, user, text, abortSignal: request.signal, faults: body.faults });
});
