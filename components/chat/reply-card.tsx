import type { ReplyPartData } from "@/lib/chat/ui-message";
import { RetryIcon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { TypingDots } from "@/components/ui/typing-dots";
import { ConfidenceMeter } from "./confidence-meter";
import { MarkdownContent } from "./markdown";

type ReplyCardProps = {
  data: ReplyPartData;
  /** The response is still arriving (this is the newest message and the chat is busy). */
  live: boolean;
  model?: string;
};

/**
 * One structured reply: answer (Markdown), TL;DR summary, tags and confidence.
 * Renders the partial object as it streams; fields that have not arrived yet
 * are skeletons while live and left out once the response has ended.
 * `data-state` mirrors the part's state ("streaming" | "done" | "stopped").
 */
export function ReplyCard({ data, live, model }: ReplyCardProps) {
  const { reply, attempt, state } = data;
  const streaming = state === "streaming" && live;
  // "stopped" comes from the server; a "streaming" part that is no longer live was cut
  // off in this tab (stopped, or the stream broke) before the server said otherwise.
  const stopped = state === "stopped" || (state === "streaming" && !live);
  const tags = (reply.tags ?? []).filter((tag): tag is string => typeof tag === "string" && tag.length > 0);
  const hasAnswer = typeof reply.answer === "string" && reply.answer.length > 0;
  const hasSummary = typeof reply.summary === "string" && reply.summary.length > 0;
  const hasConfidence = typeof reply.confidence === "number";
  // Tags are complete once a later field (confidence) has started or the reply is done.
  const tagsSettled = hasConfidence || state === "done";

  return (
    <article
      data-testid="reply-card"
      data-state={state}
      data-attempt={attempt}
      aria-label="Reply"
      aria-busy={streaming}
      className="rounded-2xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex items-center gap-2 px-4 pt-3 text-xs text-zinc-500 sm:px-5 dark:text-zinc-400">
        <span className="font-medium text-zinc-700 dark:text-zinc-300">Reply</span>
        {model ? (
          <>
            <span aria-hidden="true">·</span>
            <span className="truncate">{model}</span>
          </>
        ) : null}
        <span className="ml-auto flex items-center gap-2">
          {attempt > 1 ? (
            <span
              className="inline-flex items-center gap-1 rounded-full bg-zinc-100 px-2 py-0.5 font-medium text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300"
              title={`The first response did not pass validation; this is attempt ${attempt}.`}
            >
              <RetryIcon className="size-3" />
              Retried
              <span className="sr-only">, attempt {attempt}</span>
            </span>
          ) : null}
          {streaming ? (
            <span className="inline-flex items-center gap-1.5 font-medium text-accent-700 dark:text-accent-300">
              <TypingDots />
              Writing
            </span>
          ) : null}
          {stopped ? <span className="font-medium">Stopped</span> : null}
        </span>
      </header>

      <div className="px-4 pt-2 pb-4 sm:px-5">
        <div data-testid="reply-answer" className="text-zinc-800 dark:text-zinc-200">
          {hasAnswer ? (
            <MarkdownContent text={reply.answer as string} />
          ) : streaming ? (
            <div className="space-y-2.5 py-1.5">
              <Skeleton className="h-3.5 w-[92%]" />
              <Skeleton className="h-3.5 w-[80%]" />
              <Skeleton className="h-3.5 w-[55%]" />
            </div>
          ) : (
            <p className="text-sm text-zinc-500 italic dark:text-zinc-400">No answer was written.</p>
          )}
        </div>

        {hasSummary || streaming ? (
          <div
            data-testid="reply-summary"
            className="mt-4 flex gap-2.5 rounded-xl bg-accent-50/70 px-3.5 py-2.5 text-sm dark:bg-accent-500/10"
          >
            <span className="mt-px shrink-0 text-[11px] leading-5 font-bold tracking-wider text-accent-700 uppercase dark:text-accent-300">
              TL;DR
            </span>
            {hasSummary ? (
              <p className="leading-5 text-zinc-800 dark:text-zinc-200">{reply.summary}</p>
            ) : (
              <Skeleton className="mt-[3px] h-3.5 w-2/3" />
            )}
          </div>
        ) : null}
      </div>

      {tags.length > 0 || hasConfidence || streaming ? (
        <footer className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2.5 border-t border-zinc-100 px-4 py-3 sm:px-5 dark:border-zinc-800">
          <ul data-testid="reply-tags" aria-label="Tags" className="flex min-h-6 flex-wrap items-center gap-1.5">
            {tags.map((tag, index) => (
              <li
                key={`${index}-${tag}`}
                className="rounded-full border border-zinc-200 bg-zinc-50 px-2.5 py-0.5 text-xs font-medium text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
              >
                {tag}
              </li>
            ))}
            {streaming && !tagsSettled
              ? ["w-12", "w-16", "w-10"].slice(tags.length > 0 ? 2 : 0).map((width) => (
                  <li key={width} aria-hidden="true">
                    <Skeleton className={`h-6 rounded-full ${width}`} />
                  </li>
                ))
              : null}
          </ul>
          {hasConfidence ? (
            <ConfidenceMeter value={reply.confidence as number} />
          ) : streaming ? (
            <Skeleton className="h-3 w-36" />
          ) : null}
        </footer>
      ) : null}
    </article>
  );
}
