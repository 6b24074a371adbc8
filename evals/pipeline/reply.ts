import "server-only";
import { toModelMessages } from "@/lib/chat/to-model-messages";
import type { ChatUIMessage } from "@/lib/chat/ui-message";
import { fitConversation } from "@/lib/context/fit-conversation";
import { checkReplyMessage } from "@/lib/features/check-input";
import { replyFeature, type Reply } from "@/lib/features/reply";
import { callFeature, type FeatureCall, type TrialContext } from "./call-feature";

/** A chat turn to eval: the new message, after the chat's earlier turns (oldest first). */
export type ReplyEvalInput = {
  message: string;
  history?: readonly ({ role: "user"; text: string } | { role: "assistant"; reply: Reply })[];
};

/**
 * The chat's request path for one message, as lib/chat/stream-reply.ts runs
 * it: the same input checks, the stored history replayed as the model sees it,
 * the conversation fitted into the chain's context window, then the attempt
 * loop. Refusals are thrown as the app throws them (the runner records them).
 */
export async function runReply(input: ReplyEvalInput, context: TrialContext): Promise<FeatureCall> {
  checkReplyMessage(input.message);
  const conversation = fitConversation({
    chain: context.chain,
    feature: replyFeature,
    history: toModelMessages(storedHistory(input.history ?? [])),
    newMessage: { role: "user", content: input.message },
  });
  return callFeature({
    context,
    feature: replyFeature,
    messages: conversation.messages,
    shrinkMessages: conversation.shrink,
    inputTokens: conversation.inputTokens,
  });
}

/** The turns as the chat stores them (UI messages), so they go through the app's own replay. */
function storedHistory(turns: NonNullable<ReplyEvalInput["history"]>): ChatUIMessage[] {
  return turns.map((turn, index): ChatUIMessage => {
    const id = `eval-history-${index}`;
    if (turn.role === "user") return { id, role: "user", parts: [{ type: "text", text: turn.text }] };
    return {
      id,
      role: "assistant",
      parts: [{ type: "data-reply", id: `reply-${id}`, data: { attempt: 1, state: "done", reply: turn.reply } }],
    };
  });
}
