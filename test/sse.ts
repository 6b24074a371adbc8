import type { InferUIMessageChunk, UIMessage } from "ai";
import type { ChatUIMessage } from "@/lib/chat/ui-message";

export type ChatChunk = InferUIMessageChunk<ChatUIMessage>;

/** Reads an AI SDK UI message stream (SSE) response to its end and returns its chunks. */
export async function readUIChunks<M extends UIMessage = ChatUIMessage>(response: Response): Promise<Array<InferUIMessageChunk<M>>> {
  return parseSse<M>(await response.text());
}

export function parseSse<M extends UIMessage = ChatUIMessage>(text: string): Array<InferUIMessageChunk<M>> {
  const chunks: Array<InferUIMessageChunk<M>> = [];
  for (const event of text.split("\n\n")) {
    const data = event
      .split("\n")
      .filter((line) => line.startsWith("data: "))
      .map((line) => line.slice("data: ".length))
      .join("\n");
    if (!data || data === "[DONE]") continue;
    chunks.push(JSON.parse(data) as InferUIMessageChunk<M>);
  }
  return chunks;
}
