import "server-only";
import { createUIMessageStream, createUIMessageStreamResponse, type DeepPartial } from "ai";
import { ensureChat, getMessages, saveMessage } from "@/db/queries/chats";
import { getModelChain } from "@/lib/ai/registry";
import { BallastError, toBallastError } from "@/lib/errors";
import { replyFeature, type Reply } from "@/lib/features/reply";
import { isAbortError, streamStructured } from "@/lib/structured/stream-structured";
import { titleFromText, toModelMessages } from "./to-model-messages";
import type { ChatUIMessage, ReplyPartData } from "./ui-message";

export type StreamReplyInput = {
  chatId: string;
  ownerId: string;
  text: string;
  /** Aborts the model call when the client goes away or presses stop. */
  abortSignal?: AbortSignal;
};

/**
 * The chat request path after the route has parsed the body: check the input,
 * make sure the chat is the caller's, save the user's message, then stream the
 * structured reply as one `data-reply` part updated in place, and save it.
 * Errors before the stream starts are thrown (the route answers with their
 * status); errors during it are written into the stream as typed errors.
 */
export async function streamReply({ chatId, ownerId, text, abortSignal }: StreamReplyInput): Promise<Response> {
  const trimmed = text.trim();
  if (!trimmed) throw new BallastError("bad_request:api", { message: "The message is empty." });
  if (text.length > replyFeature.maxInputChars) {
    throw new BallastError("payload_too_large:chat", {
      message: `That message is ${text.length.toLocaleString("en")} characters; the limit is ${replyFeature.maxInputChars.toLocaleString("en")}. Shorten it and send it again.`,
    });
  }

  const ensured = await ensureChat({ id: chatId, ownerId, title: titleFromText(trimmed) });
  if (ensured.status === "forbidden") throw new BallastError("not_found:chat");

  const stored = await getMessages({ chatId });
  // "Try again" after a failed reply re-sends the same message: answer the stored
  // one instead of saving it twice.
  const last = stored.at(-1);
  const isRetry = last?.role === "user" && textOf(last) === text;
  const history = isRetry ? stored.slice(0, -1) : stored;
  if (!isRetry) await saveMessage({ chatId, role: "user", parts: [{ type: "text", text }] });

  const [primary] = getModelChain();
  if (!primary) throw new BallastError("internal:api", { message: "No model is configured." });
  const modelMessages = toModelMessages([...history, { id: "new", role: "user", parts: [{ type: "text", text }] }]);
  const assistantId = crypto.randomUUID();
  const partId = `reply-${assistantId}`;

  const stream = createUIMessageStream<ChatUIMessage>({
    execute: async ({ writer }) => {
      let latest: DeepPartial<Reply> | undefined;
      const writeReply = (data: ReplyPartData) => writer.write({ type: "data-reply", id: partId, data });
      writer.write({ type: "start", messageId: assistantId, messageMetadata: { model: primary.id } });

      let final: ReplyPartData | undefined;
      try {
        const result = await streamStructured({
          model: primary.model,
          feature: replyFeature,
          messages: modelMessages,
          abortSignal,
          onPartial: (partial) => {
            latest = partial;
            writeReply({ attempt: 1, state: "streaming", reply: partial });
          },
        });
        final = { attempt: 1, state: "done", reply: result.value };
        writeReply(final);
        writer.write({ type: "finish", finishReason: result.finishReason, messageMetadata: { model: primary.id } });
      } catch (error) {
        if (isAbortError(error) || abortSignal?.aborted) {
          if (latest) final = { attempt: 1, state: "stopped", reply: latest };
          return;
        }
        throw toBallastError(error);
      } finally {
        // Saved on success and on stop alike: what the user saw is what the history keeps.
        if (final) {
          await saveMessage({
            id: assistantId,
            chatId,
            role: "assistant",
            parts: [{ type: "data-reply", id: partId, data: final }],
            metadata: { model: primary.id },
          });
        }
      }
    },
    onError: (error) => JSON.stringify(toBallastError(error).toBody()),
  });

  return createUIMessageStreamResponse({ stream });
}

function textOf(message: ChatUIMessage): string {
  return message.parts.flatMap((part) => (part.type === "text" ? [part.text] : [])).join("\n");
}
