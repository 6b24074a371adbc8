import { createUIMessageStream, createUIMessageStreamResponse, type ModelMessage } from "ai";
import { getAttemptPolicy } from "@/lib/ai/attempt-policy";
import { devToolsEnabled, faultPickerFor } from "@/lib/ai/fault-injection";
import { getModelChain } from "@/lib/ai/registry";
import { admitRequest, enforceRateLimit } from "@/lib/budget/admission";
import { countTokens } from "@/lib/context/count-tokens";
import type { SummarizeUIMessage } from "@/lib/chat/ui-message";
import { BallastError } from "@/lib/errors";
import { checkSummarizeText } from "@/lib/features/check-input";
import { summarizeFeature } from "@/lib/features/summarize";
import { streamErrorText } from "@/lib/http/error-response";
import { routeHandler } from "@/lib/http/route-handler";
import { readJsonBody } from "@/lib/http/read-json-body";
import { requireUser } from "@/lib/identity/current-user";
import { streamToUI } from "@/lib/structured/stream-to-ui";
import { summarizeRequestSchema } from "./schema";

// 20,000 characters of up to 4 bytes each in UTF-8, plus JSON framing.
const MAX_BODY_BYTES = 96 * 1024;

/** POST /api/summarize: pasted text in, a structured summary streamed into one `data-summary` part. */
export const POST = routeHandler("POST /api/summarize", async (request: Request, _context, id): Promise<Response> => {
  const user = await requireUser(request);
  await enforceRateLimit({ user, request });
  const body = await readJsonBody(request, summarizeRequestSchema, { maxBytes: MAX_BODY_BYTES });
  if (body.faults && !devToolsEnabled()) throw new BallastError("forbidden:dev_tools");
  const text = checkSummarizeText(body.text);

  const chain = getModelChain();
  const messages: ModelMessage[] = [{ role: "user", content: text }];
  const admission = await admitRequest({
    user,
    requestId: id,
    chatId: null,
    feature: summarizeFeature.name,
    chain,
    inputTokens: countTokens(summarizeFeature.instructions) + countTokens(text),
    maxOutputTokens: summarizeFeature.maxOutputTokens,
  });
  const stream = createUIMessageStream<SummarizeUIMessage>({
    execute: async ({ writer }) => {
      writer.write({ type: "start", messageId: id, messageMetadata: { model: chain[0]?.id } });
      const { run } = await admission.paidFor(() =>
        streamToUI({
          chain,
          feature: summarizeFeature,
          messages,
          signal: request.signal,
          policy: getAttemptPolicy(),
          pickFault: faultPickerFor(body.faults),
          writeReply: (data) => writer.write({ type: "data-summary", id: `summary-${id}`, data }),
          writeStatus: (data) => writer.write({ type: "data-status", id: `status-${id}`, data }),
        }),
      );
      if (run.status === "failed") throw run.error;
      if (run.status === "ok") writer.write({ type: "finish", messageMetadata: { model: run.modelId } });
    },
    onError: (error) => streamErrorText(error, "POST /api/summarize"),
  });
  return createUIMessageStreamResponse({ stream });
});
