import type { DeepPartial, UIMessage } from "ai";
import type { Reply } from "@/lib/features/reply";
import type { Summary } from "@/lib/features/summarize";

/**
 * The wire contract between /api/chat and the chat UI (client-safe: no server
 * imports). The structured reply travels as one `data-reply` part whose id stays
 * the same while it streams, so each update replaces the previous one in place.
 */
export type StructuredPartData<T> = {
  /** 1 for the first attempt; a retry replaces the card and increments this. */
  attempt: number;
  /**
   * "stopped": the user aborted; the partial reply is kept as it was.
   * "failed": every attempt failed; the stream's error says why.
   */
  state: "streaming" | "done" | "stopped" | "failed";
  reply: DeepPartial<T>;
  /** Model that produced this attempt (differs from the primary after a fallback). */
  model?: string;
  /** Set from the second attempt on: why the previous attempt was replaced. */
  retry?: { reason: "invalid_output" | "rate_limited" | "fallback" | "transient" | "context_length"; problem?: string };
};

export type ReplyPartData = StructuredPartData<Reply>;

/**
 * Transient progress the user should know about while a reply is pending, as one
 * `data-status` part updated in place: "slow" after a few seconds without output,
 * "waiting" while backing off after a rate limit, "idle" once output flows again.
 */
export type StatusPartData = {
  state: "slow" | "waiting" | "idle";
  message: string;
  attempt: number;
};

export type ChatDataParts = {
  reply: ReplyPartData;
  status: StatusPartData;
};

export type ChatMessageMetadata = {
  /** Model that produced an assistant message, e.g. "offline" or "gpt-4o-mini". */
  model?: string;
  createdAt?: string;
};

export type ChatUIMessage = UIMessage<ChatMessageMetadata, ChatDataParts>;

/** /api/summarize streams the same way: one `data-summary` part updated in place, plus `data-status`. */
export type SummaryPartData = StructuredPartData<Summary>;
export type SummarizeUIMessage = UIMessage<ChatMessageMetadata, { summary: SummaryPartData; status: StatusPartData }>;

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
