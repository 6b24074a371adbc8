import type { ReplyPartData } from "@/lib/chat/ui-message";
import { Skeleton } from "@/components/ui/skeleton";
import { StructuredCardHeader, FailedNote } from "@/components/structured/card-header";
import { cardFrameClasses, cardPhase, dimmedIf, presentStrings } from "@/components/structured/card-phase";
import { ConfidenceMeter } from "@/components/structured/confidence-meter";
import { TagList } from "@/components/structured/tag-list";
import { MarkdownContent } from "./markdown";

type ReplyCardProps = {
  data: ReplyPartData;
  /** The response is still arriving (this is the newest message and the chat is busy). */
  live: boolean;
  /** The message's model, for saved replies whose part does not name one. */
  model?: string;
};

/**
 * One structured reply: answer (Markdown), TL;DR summary, tags and confidence.
 * Renders the partial object as it streams; fields that have not arrived yet
 * are skeletons while live and left out once the response has ended. A retry
 * or fallback empties this same card and streams the new attempt into it, with
 * a note saying why. `data-state` mirrors the part's state
 * ("streaming" | "done" | "stopped" | "failed").
 */
export function ReplyCard({ data, live, model }: ReplyCardProps) {
  const { reply, attempt, state } = data;
  const phase = cardPhase(state, live);
  const streaming = phase === "streaming";
  const tags = presentStrings(reply.tags);
  const hasAnswer = typeof reply.answer === "string" && reply.answer.length > 0;
  const hasSummary = typeof reply.summary === "string" && reply.summary.length > 0;
  const hasConfidence = typeof reply.confidence === "number";
  // Tags are complete once a later field (confidence) has started or the reply is done.
  const tagsSettled = hasConfidence || state === "done";
  const dim = dimmedIf(phase);

  return (
    <article
      data-testid="reply-card"
      data-state={state}
      data-attempt={attempt}
      aria-label={attempt > 1 ? `Reply, attempt ${attempt}` : "Reply"}
      aria-busy={streaming}
      className={cardFrameClasses(phase)}
    >
      <StructuredCardHeader
        label="Reply"
        noun="reply"
        data={data}
        fallbackModel={model}
        phase={phase}
        retryNoteTestId="reply-retry-note"
      />

      <div className="px-4 pt-2 pb-4 sm:px-5">
        <div data-testid="reply-answer" className={`text-zinc-800 dark:text-zinc-200 ${dim}`}>
          {hasAnswer ? (
            <MarkdownContent text={reply.answer as string} />
          ) : streaming ? (
            <div className="space-y-2.5 py-1.5">
              <Skeleton className="h-3.5 w-[92%]" />
              <Skeleton className="h-3.5 w-[80%]" />
              <Skeleton className="h-3.5 w-[55%]" />
            </div>
          ) : phase === "failed" ? null : (
            <p className="text-sm text-zinc-500 italic dark:text-zinc-400">No answer was written.</p>
          )}
        </div>

        {hasSummary || streaming ? (
          <div
            data-testid="reply-summary"
            className={`mt-4 flex gap-2.5 rounded-xl bg-accent-50/70 px-3.5 py-2.5 text-sm dark:bg-accent-500/10 ${dim}`}
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

        {phase === "failed" ? <FailedNote /> : null}
      </div>

      {tags.length > 0 || hasConfidence || streaming ? (
        <footer
          className={`flex flex-wrap items-center justify-between gap-x-4 gap-y-2.5 border-t border-zinc-100 px-4 py-3 sm:px-5 dark:border-zinc-800 ${dim}`}
        >
          <TagList tags={tags} pending={streaming && !tagsSettled} testId="reply-tags" />
          {hasConfidence ? (
            <ConfidenceMeter value={reply.confidence as number} testId="reply-confidence" />
          ) : streaming ? (
            <Skeleton className="h-3 w-36" />
          ) : null}
        </footer>
      ) : null}
    </article>
  );
}
