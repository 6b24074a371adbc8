import type { InferUIMessageChunk } from "ai";
import type { ChatUIMessage } from "@/lib/chat/ui-message";

export type ChatChunk = InferUIMessageChunk<ChatUIMessage>;

/** Reads an AI SDK UI message stream (SSE) response to its end and returns its chunks. */
export async function readUIChunks(response: Response): Promise<ChatChunk[]> {
  const text = await response.text();
  return parseSse(text);
}

export function parseSse(text: string): ChatChunk[] {
  const chunks: ChatChunk[] = [];
  for (const event of text.split("\n\n")) {
    const data = event
      .split("\n")
      .filter((line) => line.startsWith("data: "))
      .map((line) => line.slice("data: ".length))
      .join("\n");
    if (!data || data === "[DONE]") continue;
    chunks.push(JSON.parse(data) as ChatChunk);
  }
  return chunks;
}
