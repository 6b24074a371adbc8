import type { DeepPartial, UIMessage } from "ai";
import type { Reply } from "@/lib/features/reply";

/**
 * The wire contract between /api/chat and the chat UI (client-safe: no server
 * imports). The structured reply travels as one `data-reply` part whose id stays
 * the same while it streams, so each update replaces the previous one in place.
 */
export type ReplyPartData = {
  /** 1 for the first attempt; a retry replaces the card and increments this. */
  attempt: number;
  /** "stopped": the user aborted; the partial reply is kept as it was. */
  state: "streaming" | "done" | "stopped";
  reply: DeepPartial<Reply>;
};

export type ChatDataParts = {
  reply: ReplyPartData;
};

export type ChatMessageMetadata = {
  /** Model that produced an assistant message, e.g. "offline" or "gpt-4o-mini". */
  model?: string;
  createdAt?: string;
};

export type ChatUIMessage = UIMessage<ChatMessageMetadata, ChatDataParts>;

/** Summary of a chat for the sidebar. */
export type ChatSummary = { id: string; title: string; createdAt: string };

/** What the UI needs to label the model in use. */
export type ModelInfo = {
  offline: boolean;
  /** Model id of the primary model ("offline" for the built-in one). */
  modelId: string;
  /** Human label, e.g. "Offline model" or "gpt-4o-mini via api.openai.com". */
  label: string;
};

/** Every non-stream error body the API returns. */
export type ApiErrorBody = { error: { code: string; message: string; retryable?: boolean } };
