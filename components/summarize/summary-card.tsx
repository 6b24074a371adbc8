import type { SummaryPartData } from "@/lib/chat/ui-message";
import { Skeleton } from "@/components/ui/skeleton";
import { FailedNote, StructuredCardHeader } from "@/components/structured/card-header";
import { cardFrameClasses, cardPhase, dimmedIf, presentStrings } from "@/components/structured/card-phase";
import { ConfidenceMeter } from "@/components/structured/confidence-meter";
import { TagList } from "@/components/structured/tag-list";

type SummaryCardProps = {
  data: SummaryPartData;
  /** The response is still arriving. */
  live: boolean;
};

/**
 * The summarize feature's result: summary, tag chips and confidence, built from
 * the same pieces as the chat's reply card. Streams in place; a retry empties it
 * and says why.
 */
export function SummaryCard({ data, live }: SummaryCardProps) {
  const { reply: summary, attempt, state } = data;
  const phase = cardPhase(state, live);
  const streaming = phase === "streaming";
  const tags = presentStrings(summary.tags);
  const hasText = typeof summary.summary === "string" && summary.summary.length > 0;
  const hasConfidence = typeof summary.confidence === "number";
  const tagsSettled = hasConfidence || state === "done";
  const dim = dimmedIf(phase);

  return (
    <article
      data-testid="summary-card"
      data-state={state}
      data-attempt={attempt}
      aria-label={attempt > 1 ? `Summary, attempt ${attempt}` : "Summary"}
      aria-busy={streaming}
      className={cardFrameClasses(phase)}
    >
      <StructuredCardHeader
        label="Summary"
        noun="summary"
        data={data}
        phase={phase}
        retryNoteTestId="summary-retry-note"
      />

      <div className="px-4 pt-2.5 pb-4 sm:px-5">
        <div data-testid="summary-text" className={dim}>
          {hasText ? (
            <p className="text-[15px] leading-relaxed text-zinc-900 dark:text-zinc-100">{summary.summary}</p>
          ) : streaming ? (
            <div className="space-y-2.5 py-1.5">
              <Skeleton className="h-3.5 w-[94%]" />
              <Skeleton className="h-3.5 w-[62%]" />
            </div>
          ) : phase === "failed" ? null : (
            <p className="text-sm text-zinc-500 italic dark:text-zinc-400">No summary was written.</p>
          )}
        </div>
        {phase === "failed" ? <FailedNote /> : null}
      </div>

      {tags.length > 0 || hasConfidence || streaming ? (
        <footer
          className={`flex flex-wrap items-center justify-between gap-x-4 gap-y-2.5 border-t border-zinc-100 px-4 py-3 sm:px-5 dark:border-zinc-800 ${dim}`}
        >
          <TagList tags={tags} pending={streaming && !tagsSettled} testId="summary-tags" />
          {hasConfidence ? (
            <ConfidenceMeter value={summary.confidence as number} testId="summary-confidence" />
          ) : streaming ? (
            <Skeleton className="h-3 w-36" />
          ) : null}
        </footer>
      ) : null}
    </article>
  );
}
