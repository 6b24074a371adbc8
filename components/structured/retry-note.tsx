import type { StructuredPartData } from "@/lib/chat/ui-message";
import { ChevronDownIcon, RetryIcon } from "@/components/ui/icons";
import type { CardPhase } from "./card-phase";

/** Problems can quote model output at length; the note shows the start of one. */
const MAX_PROBLEM_CHARS = 280;

type Retry = NonNullable<StructuredPartData<unknown>["retry"]>;

type RetryNoteProps = {
  attempt: number;
  retry?: Retry;
  /** The model that produced this attempt. */
  model?: string;
  phase: CardPhase;
  /** What the card holds, for the sentence: "The first reply didn't match…". */
  noun: string;
  testId: string;
};

/** The note as one sentence: a bold lead, then the rest ("Retried · The first reply…", "Retried after a rate limit."). */
function explain({ attempt, retry, model, phase, noun }: Omit<RetryNoteProps, "testId">): { lead: string; rest: string; dot?: boolean } {
  const previous = attempt === 2 ? "first" : "previous";
  switch (retry?.reason) {
    case "invalid_output":
      return { lead: "Retried", rest: `The ${previous} ${noun} didn't match the schema; the model was asked to fix it.`, dot: true };
    case "rate_limited":
      return { lead: "Retried", rest: " after a rate limit." };
    case "transient":
      return { lead: "Retried", rest: " after a provider error." };
    case "context_length":
      return { lead: "Retried", rest: " with fewer earlier turns: the conversation was too long for the model." };
    case "fallback": {
      const name = model ?? "the next model";
      if (phase === "streaming") return { lead: "Fallback", rest: `Answering with fallback model ${name}.`, dot: true };
      if (phase === "failed") return { lead: "Fallback", rest: `Fallback model ${name} was tried too.`, dot: true };
      return { lead: "Fallback", rest: `Answered by fallback model ${name}.`, dot: true };
    }
    default:
      return { lead: "Retried", rest: `This is attempt ${attempt}.`, dot: true };
  }
}

function truncate(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > MAX_PROBLEM_CHARS ? `${trimmed.slice(0, MAX_PROBLEM_CHARS).trimEnd()}…` : trimmed;
}

/**
 * Why this card holds a later attempt: a calm one-line note in the card header.
 * When the server said what was wrong with the previous attempt, the note is a
 * disclosure that shows it (truncated).
 */
export function RetryNote(props: RetryNoteProps) {
  const { attempt, retry, testId } = props;
  if (attempt <= 1) return null;
  const { lead, rest, dot } = explain(props);
  const problem = retry?.problem?.trim() ? truncate(retry.problem) : undefined;

  const line = (
    <>
      <RetryIcon className="mt-0.5 size-3.5 shrink-0 text-accent-600 dark:text-accent-400" />
      <span className="min-w-0 flex-1">
        <span className="font-semibold text-zinc-800 dark:text-zinc-100">{lead}</span>
        {dot ? (
          <>
            <span aria-hidden="true"> · </span>
            <span className="sr-only">: </span>
          </>
        ) : null}
        {rest}
        <span className="sr-only"> (attempt {attempt})</span>
      </span>
    </>
  );

  const frame =
    "mt-2 rounded-lg border border-zinc-200/80 bg-zinc-50 text-xs leading-5 text-zinc-600 " +
    "dark:border-zinc-700/60 dark:bg-zinc-800/50 dark:text-zinc-300";

  if (!problem) {
    return (
      <p data-testid={testId} data-reason={retry?.reason} className={`${frame} flex items-start gap-2 px-2.5 py-1.5`}>
        {line}
      </p>
    );
  }

  return (
    <details data-testid={testId} data-reason={retry?.reason} className={`group/retry ${frame}`}>
      <summary className="flex cursor-pointer list-none items-start gap-2 rounded-lg px-2.5 py-1.5 hover:bg-zinc-100 dark:hover:bg-zinc-800 [&::-webkit-details-marker]:hidden">
        {line}
        <span className="mt-px inline-flex shrink-0 items-center gap-0.5 font-medium text-zinc-500 dark:text-zinc-400">
          <span className="max-sm:sr-only">Details</span>
          <ChevronDownIcon className="size-3.5 transition-transform group-open/retry:rotate-180 motion-reduce:transition-none" />
        </span>
      </summary>
      <div className="border-t border-zinc-200/80 px-2.5 pt-1.5 pb-2 dark:border-zinc-700/60">
        <p className="font-medium text-zinc-700 dark:text-zinc-200">What was wrong with attempt {attempt - 1}:</p>
        <p className="mt-1 font-mono text-[11px] leading-4 break-words whitespace-pre-wrap text-zinc-600 dark:text-zinc-400">
          {problem}
        </p>
      </div>
    </details>
  );
}
