import type { ChatUIMessage, ReplyPartData } from "@/lib/chat/ui-message";
import { ModelStatus, statusOf, visibleStatus } from "@/components/structured/model-status";
import { TypingDots } from "@/components/ui/typing-dots";
import { MarkdownContent } from "./markdown";
import { ReplyCard } from "./reply-card";

function textOf(message: ChatUIMessage): string {
  return message.parts
    .map((part) => (part.type === "text" ? part.text : ""))
    .join("")
    .trim();
}

/** The newest `data-reply` part: a retry reuses the part id, so there is normally one. */
function replyOf(message: ChatUIMessage): ReplyPartData | undefined {
  for (let index = message.parts.length - 1; index >= 0; index--) {
    const part = message.parts[index];
    if (part?.type === "data-reply") return part.data;
  }
  return undefined;
}

export function UserMessage({ message }: { message: ChatUIMessage }) {
  return (
    <div className="flex justify-end pl-10 sm:pl-16">
      <div className="sr-only">You said:</div>
      <p
        data-testid="user-message"
        className="max-w-full rounded-2xl rounded-br-md bg-zinc-100 px-4 py-2.5 text-[15px] leading-relaxed break-words whitespace-pre-wrap text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100"
      >
        {textOf(message)}
      </p>
    </div>
  );
}

type AssistantMessageProps = {
  message: ChatUIMessage;
  /** This reply is still arriving. */
  live: boolean;
  /** The request for this reply ended in an error (the alert under the conversation says which). */
  errored?: boolean;
};

export function AssistantMessage({ message, live, errored = false }: AssistantMessageProps) {
  const reply = replyOf(message);
  // "The model is slow" / "waiting out a rate limit": only while this reply is still arriving.
  const status = visibleStatus(statusOf(message.parts), live);

  if (reply) {
    return (
      <div className="flex flex-col gap-2.5">
        <ReplyCard data={reply} live={live} model={message.metadata?.model} />
        {status ? <ModelStatus status={status} /> : null}
      </div>
    );
  }
  if (live) return status ? <ModelStatus status={status} /> : <PendingReply />;

  // Not the structured contract (e.g. plain text from an older server): show it as is.
  const text = textOf(message);
  if (text) {
    return (
      <div className="rounded-2xl border border-zinc-200 bg-white px-4 py-3 text-zinc-800 shadow-sm sm:px-5 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-200">
        <MarkdownContent text={text} />
      </div>
    );
  }
  if (errored) return null;
  return <p className="px-1 text-sm text-zinc-500 italic dark:text-zinc-400">No reply (stopped)</p>;
}

/** Shown between sending and the first part of the reply. */
export function PendingReply() {
  return (
    <div className="flex items-center gap-2.5 px-1 py-2 text-sm text-zinc-500 dark:text-zinc-400">
      <TypingDots className="text-accent-600 dark:text-accent-400" />
      <span>Thinking…</span>
    </div>
  );
}
