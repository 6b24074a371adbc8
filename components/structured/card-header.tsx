import type { StructuredPartData } from "@/lib/chat/ui-message";
import { AlertIcon } from "@/components/ui/icons";
import { TypingDots } from "@/components/ui/typing-dots";
import type { CardPhase } from "./card-phase";
import { RetryNote } from "./retry-note";

type StructuredCardHeaderProps = {
  /** "Reply", "Summary". */
  label: string;
  /** Noun for the retry note's sentence: "reply", "summary". */
  noun: string;
  data: Pick<StructuredPartData<unknown>, "attempt" | "retry" | "model">;
  /** Model to name when the part does not say (older saved messages). */
  fallbackModel?: string;
  phase: CardPhase;
  retryNoteTestId: string;
};

/**
 * The top of a structured card: what it is, which model wrote it, whether it is
 * still being written, and, for a later attempt, why the earlier one was replaced.
 */
export function StructuredCardHeader({ label, noun, data, fallbackModel, phase, retryNoteTestId }: StructuredCardHeaderProps) {
  const model = data.model ?? fallbackModel;
  return (
    <header className="px-4 pt-3 sm:px-5">
      <div className="flex items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400">
        <span className="font-medium text-zinc-700 dark:text-zinc-300">{label}</span>
        {model ? (
          <>
            <span aria-hidden="true">·</span>
            <span className="truncate">{model}</span>
          </>
        ) : null}
        <span className="ml-auto flex shrink-0 items-center gap-2">
          {phase === "streaming" ? (
            <span className="inline-flex items-center gap-1.5 font-medium text-accent-700 dark:text-accent-300">
              <TypingDots />
              Writing
            </span>
          ) : null}
          {phase === "stopped" ? <span className="font-medium">Stopped</span> : null}
          {phase === "failed" ? <span className="font-medium text-rose-700 dark:text-rose-400">Failed</span> : null}
        </span>
      </div>
      <RetryNote
        attempt={data.attempt}
        retry={data.retry}
        model={model}
        phase={phase}
        noun={noun}
        testId={retryNoteTestId}
      />
    </header>
  );
}

/** The one line a failed card adds; the error alert under the conversation explains the cause. */
export function FailedNote() {
  return (
    <p className="mt-3 flex items-center gap-1.5 text-[13px] font-medium text-rose-700 dark:text-rose-400">
      <AlertIcon className="size-4 shrink-0" />
      This attempt failed.
    </p>
  );
}
