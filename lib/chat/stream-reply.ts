import "server-only";
import { createUIMessageStream, createUIMessageStreamResponse } from "ai";
import { ensureChat, getChat, getMessages, saveMessage } from "@/db/queries/chats";
import { getAttemptPolicy } from "@/lib/ai/attempt-policy";
import { faultPickerFor, type FaultRequest } from "@/lib/ai/fault-injection";
import { getModelChain } from "@/lib/ai/registry";
import { admitRequest } from "@/lib/budget/admission";
import { fitConversation } from "@/lib/context/fit-conversation";
import { BallastError } from "@/lib/errors";
import { streamErrorText } from "@/lib/http/error-response";
import type { CurrentUser } from "@/lib/identity/current-user";
import { checkReplyMessage } from "@/lib/features/check-input";
import { replyFeature } from "@/lib/features/reply";
import { streamToUI } from "@/lib/structured/stream-to-ui";
import { titleFromText, toModelMessages } from "./to-model-messages";
import type { ChatUIMessage } from "./ui-message";

export type StreamReplyInput = {
  /** The request's id (route-handler.ts): also the reply message's id and its budget and call-log key. */
  requestId?: string;
  chatId: string;
  user: CurrentUser;
  text: string;
  /** Aborts the model call when the client goes away or presses stop. */
  abortSignal?: AbortSignal;
  /** Dev tools only: inject faults into this request's attempts. */
  faults?: FaultRequest;
};

/**
 * The chat request path after the route has parsed the body: check the input,
 * make sure the chat is the caller's, save the user's message, then stream the
 * structured reply (retried, repaired or fallen back as needed) as one
 * `data-reply` part updated in place, and save it. Errors before the stream
 * starts are thrown (the route answers with their status); errors during it are
 * written into the stream as typed errors.
 */
export async function streamReply({ requestId, chatId, user, text, abortSignal, faults }: StreamReplyInput): Promise<Response> {
  const ownerId = user.id;
  const trimmed = checkReplyMessage(text);

  // Null for a new chat and for someone else's: told apart only when creating it below.
  const chat = await getChat({ id: chatId, ownerId });
  const stored = chat ? await getMessages({ chatId }) : [];
  // "Try again" after a failed reply re-sends the same message: answer the stored
  // one instead of saving it twice.
  const last = stored.at(-1);
  const isRetry = last?.role === "user" && textOf(last) === text;
  const history = isRetry ? stored.slice(0, -1) : stored;

  const chain = getModelChain();
  const conversation = fitConversation({
    chain,
    feature: replyFeature,
    history: toModelMessages(history),
    newMessage: { role: "user", content: text },
  });
  const assistantId = requestId ?? crypto.randomUUID();
  // Budget admission before anything is saved or sent: a refusal is a plain 402 and leaves no trace.
  const admission = await admitRequest({
    user,
    requestId: assistantId,
    chatId,
    feature: replyFeature.name,
    chain,
    inputTokens: conversation.inputTokens,
    maxOutputTokens: replyFeature.maxOutputTokens,
  });

  // Created and saved only once the message is known to fit and is paid for.
  try {
    if (!chat) {
      const ensured = await ensureChat({ id: chatId, ownerId, title: titleFromText(trimmed) });
      if (ensured.status === "forbidden") throw new BallastError("not_found:chat");
    }
    if (!isRetry) await saveMessage({ chatId, role: "user", parts: [{ type: "text", text }] });
  } catch (error) {
    await admission.settle([]);
    throw error;
  }

  const replyId = `reply-${assistantId}`;
  const statusId = `status-${assistantId}`;

  const stream = createUIMessageStream<ChatUIMessage>({
    execute: async ({ writer }) => {
      writer.write({ type: "start", messageId: assistantId, messageMetadata: { model: chain[0]?.id } });
      // Settled before anything else, so the saved reply and a meter refreshed on "finish" see the figures.
      const { run, final } = await admission.paidFor(() =>
        streamToUI({
          chain,
          feature: replyFeature,
          messages: conversation.messages,
          shrinkMessages: conversation.shrink,
          signal: abortSignal,
          policy: getAttemptPolicy(),
          pickFault: faultPickerFor(faults),
          writeReply: (data) => writer.write({ type: "data-reply", id: replyId, data }),
          writeStatus: (data) => writer.write({ type: "data-status", id: statusId, data }),
        }),
      );

      // Saved on success and on stop alike: what the user saw is what the history keeps.
      if (final && (final.state === "done" || final.state === "stopped")) {
        await saveMessage({
          id: assistantId,
          chatId,
          role: "assistant",
          parts: [{ type: "data-reply", id: replyId, data: final }],
          metadata: { model: final.model },
        });
      }
      if (run.status === "failed") throw run.error;
      if (run.status === "ok") writer.write({ type: "finish", messageMetadata: { model: run.modelId } });
    },
    onError: (error) => streamErrorText(error, "POST /api/chat"),
  });

  return createUIMessageStreamResponse({ stream });
}

function textOf(message: ChatUIMessage): string {
  return message.parts.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n");
}
