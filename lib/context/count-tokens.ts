import type { ModelMessage } from "ai";
import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";

/**
 * Token count of a text with the o200k_base encoding (GPT-4o family). For other
 * models it is an estimate within a few percent, which is what budgets and
 * context fitting need: the provider's own usage numbers settle the bill.
 */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  return countO200k(text);
}

/** Counts the tokens of a text; injectable so tests can watch how often counting happens. */
export type TextTokenCounter = (text: string) => number;

/**
 * Framing tokens OpenAI's chat format adds around every message:
 * `<|start|>{role}<|message|>{content}<|end|>` is 3 special tokens plus the role name
 * (one token for user/assistant/system/tool). Same numbers as OpenAI's cookbook
 * "How to count tokens with tiktoken" (`tokens_per_message = 3`, plus the role value).
 */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/** Every request ends with `<|start|>assistant<|message|>` to prime the reply: 3 tokens once. */
export const REPLY_PRIMING_TOKENS = 3;

/**
 * What an image or a non-text file costs. The true figure depends on pixels (GPT-4o
 * tiles a high-detail image: 85 + 170 per 512px tile, at most ~1,445 tokens) or on
 * the document, neither of which is known without decoding it. Counting too much only
 * drops an old turn early; counting too little gets the request rejected.
 */
export const NON_TEXT_PART_TOKENS = 1_500;

type ContentPart = Exclude<ModelMessage["content"], string>[number];

/** The JSON form a provider sends for structured values (tool input and output). */
function countJson(value: unknown, count: TextTokenCounter): number {
  return count(JSON.stringify(value) ?? "");
}

function countToolOutput(part: Extract<ContentPart, { type: "tool-result" }>, count: TextTokenCounter): number {
  const output = part.output;
  switch (output.type) {
    case "text":
    case "error-text":
      return count(output.value);
    case "json":
    case "error-json":
      return countJson(output.value, count);
    case "execution-denied":
      return count(output.reason ?? "");
    case "content":
      return output.value.reduce((sum, item) => sum + (item.type === "text" ? count(item.text) : NON_TEXT_PART_TOKENS), 0);
  }
}

function countPart(part: ContentPart, count: TextTokenCounter): number {
  switch (part.type) {
    case "text":
    case "reasoning":
      return count(part.text);
    case "tool-call":
      return count(part.toolName) + countJson(part.input, count);
    case "tool-result":
      return count(part.toolName) + countToolOutput(part, count);
    case "file":
      // An inline text document is text; anything else (bytes, URL, reference) is opaque.
      return typeof part.data === "object" && part.data !== null && "type" in part.data && part.data.type === "text"
        ? count(part.data.text)
        : NON_TEXT_PART_TOKENS;
    case "image":
    case "reasoning-file":
      return NON_TEXT_PART_TOKENS;
    case "tool-approval-request":
    case "tool-approval-response":
    case "custom":
      // Small bookkeeping parts: their JSON is an upper bound for what reaches the model.
      return countJson(part, count);
  }
}

/**
 * Tokens one message takes in a chat request: its content plus the per-message framing.
 * Text parts are counted exactly (o200k); tool calls and results by their JSON; images
 * and opaque files at a fixed, deliberately high estimate.
 */
export function countMessageTokens(message: ModelMessage, count: TextTokenCounter = countTokens): number {
  const content =
    typeof message.content === "string"
      ? count(message.content)
      : message.content.reduce((sum, part: ContentPart) => sum + countPart(part, count), 0);
  return MESSAGE_OVERHEAD_TOKENS + content;
}
