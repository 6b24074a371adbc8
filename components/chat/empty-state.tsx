import { BallastMark } from "@/components/ui/icons";

export const EXAMPLE_PROMPTS = [
  "Explain the difference between a mutex and a semaphore, with a short example.",
  "What should I check before deploying a Next.js app to production?",
  "Draft a friendly two-sentence reminder about an overdue invoice.",
] as const;

const FIELDS = [
  { name: "Answer", text: "Markdown" },
  { name: "TL;DR", text: "one line" },
  { name: "Tags", text: "topics" },
  { name: "Confidence", text: "0–100%" },
];

/** A new chat: what a reply looks like, and a few prompts to start with. */
export function EmptyState({ onPick, disabled }: { onPick: (prompt: string) => void; disabled?: boolean }) {
  return (
    <div className="mx-auto flex w-full max-w-2xl flex-col items-center px-4 pt-8 pb-6 text-center sm:pt-16 sm:pb-10">
      <BallastMark className="size-10 sm:size-11" />
      <h1 className="mt-4 text-[22px] leading-tight font-semibold sm:mt-5 tracking-tight text-zinc-950 sm:text-[28px] dark:text-white">
        Ask anything, get a checked reply
      </h1>
      <p className="mt-3 max-w-lg text-[15px] leading-relaxed text-zinc-600 dark:text-zinc-400">
        Every reply streams in as a structured card, validated against a schema as it arrives, and is retried
        if the model gets the format wrong.
      </p>

      <ul aria-label="What a reply contains" className="mt-5 flex flex-wrap justify-center gap-1.5 sm:mt-6 sm:gap-2">
        {FIELDS.map((field) => (
          <li
            key={field.name}
            className="rounded-full border border-zinc-200 bg-white px-3 py-1 text-xs text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-400"
          >
            <span className="font-semibold text-zinc-900 dark:text-zinc-100">{field.name}</span>
            <span aria-hidden="true"> · </span>
            <span className="sr-only">: </span>
            {field.text}
          </li>
        ))}
      </ul>

      <h2 className="mt-8 text-xs font-semibold sm:mt-10 tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        Try one of these
      </h2>
      <ul className="mt-3 grid w-full gap-2.5 sm:grid-cols-3">
        {EXAMPLE_PROMPTS.map((prompt) => (
          <li key={prompt} className="flex">
            <button
              type="button"
              disabled={disabled}
              onClick={() => onPick(prompt)}
              className="w-full rounded-xl border border-zinc-200 bg-white p-3.5 text-left text-sm leading-snug text-zinc-700 shadow-xs transition hover:border-accent-300 hover:bg-accent-50/50 hover:text-zinc-950 disabled:opacity-50 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:border-accent-700 dark:hover:bg-accent-500/10 dark:hover:text-white"
            >
              {prompt}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
