import type { ModelMessage } from "ai";
import type { ChatUIMessage } from "./ui-message";

/**
 * Stored UI messages as the model sees them. An assistant turn is replayed as
 * the JSON it was asked to produce, so the history itself demonstrates the
 * format; turns with no usable content (a reply stopped before anything arrived)
 * are left out rather than sent as empty messages.
 */
export function toModelMessages(messages: ChatUIMessage[]): ModelMessage[] {
  const out: ModelMessage[] = [];
  for (const message of messages) {
    if (message.role === "user") {
      const text = message.parts
        .flatMap((part) => (part.type === "text" ? [part.text] : []))
        .join("\n")
        .trim();
      if (text) out.push({ role: "user", content: text });
    } else if (message.role === "assistant") {
      const reply = message.parts.find((part) => part.type === "data-reply");
      if (reply && reply.data.reply.answer) {
        out.push({ role: "assistant", content: JSON.stringify(reply.data.reply) });
      }
    }
  }
  return out;
}

/** The chat title: the first line of the first message, whitespace collapsed, cut at a word. */
export function titleFromText(text: string, maxChars = 60): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= maxChars) return flat || "New chat";
  const cut = flat.slice(0, maxChars);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > maxChars / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
