import type { ModelMessage } from "ai";

/** How a retry's feedback turn begins (the offline model recognises it, see conversationFromPrompt). */
export const FEEDBACK_PREFIX = "Your previous reply could not be used:";

/** Long failed replies are quoted only in part: the model needs the error, not its whole answer back. */
const MAX_QUOTED_CHARS = 4000;

/**
 * The conversation for a retry after invalid output: the failed reply as the
 * model's own turn, then what was wrong with it, so the second attempt fixes
 * that instead of rolling the dice again.
 */
export function withFeedback(messages: ModelMessage[], failedText: string, problem: string): ModelMessage[] {
  const quoted = failedText.length > MAX_QUOTED_CHARS ? `${failedText.slice(0, MAX_QUOTED_CHARS)}…` : failedText;
  return [
    ...messages,
    { role: "assistant", content: quoted.trim() === "" ? "(empty reply)" : quoted },
    {
      role: "user",
      content:
        `${FEEDBACK_PREFIX} ${problem}.\n` +
        "Answer my previous message again. Reply with exactly one JSON object in the required shape, " +
        "with every required field, and nothing before or after it.",
    },
  ];
}
