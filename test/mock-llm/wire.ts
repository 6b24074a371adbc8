/**
 * OpenAI Chat Completions wire shapes, byte-for-byte where @ai-sdk/openai parses them
 * (its `openaiChatChunkSchema`, `openaiChatResponseSchema` and `openaiErrorDataSchema`).
 */

export type ChatMessage = { role: string; content?: unknown; [key: string]: unknown };

export type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number };

export type FinishReason = "stop" | "length";

/** Identity shared by every chunk of one completion, as OpenAI repeats it. */
export type CompletionMeta = { id: string; created: number; model: string };

export type OpenAIErrorBody = {
  error: { message: string; type: string; param: string | null; code: string | null };
};

const SYSTEM_FINGERPRINT = "fp_ballast_mock";

/** Text of a message's content: a string, or the text parts of a content-part array. */
export function messageText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: unknown) =>
      typeof part === "object" && part !== null && "text" in part && typeof part.text === "string" ? part.text : "",
    )
    .join("");
}

/** Deterministic stand-in for a tokenizer: about four characters per token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Prompt tokens with OpenAI's small per-message and per-reply overhead, so empty prompts are not free. */
export function countPromptTokens(messages: readonly ChatMessage[], count: (text: string) => number): number {
  return 3 + messages.reduce((sum, message) => sum + 3 + count(message.role) + count(messageText(message.content)), 0);
}

export function usageOf(promptTokens: number, completionTokens: number): Usage {
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

type Delta = { role?: "assistant"; content?: string; refusal?: null };

/** One `chat.completion.chunk`; `usage: null` on every chunk is what OpenAI sends when include_usage is on. */
export function chunk(meta: CompletionMeta, delta: Delta, finishReason: FinishReason | null, includeUsage: boolean): object {
  return {
    id: meta.id,
    object: "chat.completion.chunk",
    created: meta.created,
    model: meta.model,
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(includeUsage ? { usage: null } : {}),
  };
}

/** The trailing usage-only chunk (empty `choices`) sent when `stream_options.include_usage` is set. */
export function usageChunk(meta: CompletionMeta, usage: Usage): object {
  return {
    id: meta.id,
    object: "chat.completion.chunk",
    created: meta.created,
    model: meta.model,
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices: [],
    usage: withDetails(usage),
  };
}

export function completion(meta: CompletionMeta, content: string, finishReason: FinishReason, usage: Usage): object {
  return {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    system_fingerprint: SYSTEM_FINGERPRINT,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: finishReason,
      },
    ],
    usage: withDetails(usage),
    service_tier: "default",
  };
}

function withDetails(usage: Usage): object {
  return { ...usage, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } };
}

export function sseData(value: object | "[DONE]"): string {
  return `data: ${typeof value === "string" ? value : JSON.stringify(value)}\n\n`;
}

export function errorBody(message: string, type: string, param: string | null, code: string | null): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

export function rateLimitBody(model: string, retryAfterSeconds: number): OpenAIErrorBody {
  return errorBody(
    `Rate limit reached for ${model} in organization org-ballast-mock on requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in ${retryAfterSeconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
    "requests",
    "requests",
    "rate_limit_exceeded",
  );
}

export function serverErrorBody(): OpenAIErrorBody {
  return errorBody("The server had an error while processing your request. Sorry about that!", "server_error", null, null);
}

/** OpenAI's exact shape and wording, with the completion variant when max_tokens pushed it over. */
export function contextLengthBody(contextWindow: number, promptTokens: number, completionTokens: number): OpenAIErrorBody {
  const detail =
    completionTokens > 0
      ? `However, you requested ${promptTokens + completionTokens} tokens (${promptTokens} in the messages, ${completionTokens} in the completion). Please reduce the length of the messages or completion.`
      : `However, your messages resulted in ${promptTokens} tokens. Please reduce the length of the messages.`;
  return errorBody(
    `This model's maximum context length is ${contextWindow} tokens. ${detail}`,
    "invalid_request_error",
    "messages",
    "context_length_exceeded",
  );
}

export function modelList(ids: readonly string[], created: number): object {
  return { object: "list", data: ids.map((id) => ({ id, object: "model", created, owned_by: "ballast-mock" })) };
}
