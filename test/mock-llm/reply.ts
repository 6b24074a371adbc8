import { messageText, type ChatMessage } from "./wire.ts";

/** Ballast's reply schema, restated here so the test server never imports app code. */
export type MockReply = { answer: string; summary: string; tags: string[]; confidence: number };

export function lastUserMessage(messages: readonly ChatMessage[]): string {
  const last = messages.findLast((message) => message.role === "user");
  return last ? messageText(last.content) : "";
}

/** A valid reply derived only from the question, so equal prompts always get equal replies. */
export function defaultReply(question: string): MockReply {
  const text = question.trim().replace(/\s+/g, " ") || "(empty message)";
  const words = text.toLowerCase().match(/[a-z0-9]{4,}/g) ?? [];
  const tags = [...new Set(words)].slice(0, 3);
  return {
    answer: `Mock answer to: ${text}`,
    summary: `A deterministic reply from the Ballast mock LLM (${text.length} characters asked).`,
    tags: tags.length > 0 ? tags : ["mock"],
    confidence: 0.5 + (hash(text) % 50) / 100,
  };
}

export function defaultReplyText(messages: readonly ChatMessage[]): string {
  return JSON.stringify(defaultReply(lastUserMessage(messages)));
}

/** FNV-1a: a stable, dependency-free string hash. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}
