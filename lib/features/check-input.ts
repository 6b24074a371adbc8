import { BallastError } from "@/lib/errors";
import { replyFeature } from "./reply";
import { summarizeFeature } from "./summarize";

/*
 * The refusals a feature answers before any model call, in one place so the
 * request path and the eval runner refuse exactly the same inputs with exactly
 * the same errors (an eval of "must be refused" means nothing otherwise).
 */

/** A chat message: refused when blank, or longer than the reply feature accepts. Returns it trimmed. */
export function checkReplyMessage(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new BallastError("bad_request:api", { message: "The message is empty." });
  if (text.length > replyFeature.maxInputChars) {
    throw new BallastError("payload_too_large:chat", {
      message: `That message is ${text.length.toLocaleString("en")} characters; the limit is ${replyFeature.maxInputChars.toLocaleString("en")}. Shorten it and send it again.`,
    });
  }
  return trimmed;
}

/** Text to summarize: refused when blank, or longer (once trimmed) than the feature accepts. Returns it trimmed. */
export function checkSummarizeText(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new BallastError("bad_request:api", { message: "There is no text to summarize." });
  if (trimmed.length > summarizeFeature.maxInputChars) {
    throw new BallastError("payload_too_large:summarize", {
      message: `That text is ${trimmed.length.toLocaleString("en")} characters; the limit is ${summarizeFeature.maxInputChars.toLocaleString("en")}.`,
    });
  }
  return trimmed;
}
