import type { ModelInfo } from "@/lib/chat/ui-message";
import { InfoIcon } from "@/components/ui/icons";

const badge =
  "inline-flex h-7 max-w-full items-center gap-1.5 rounded-full border px-2.5 text-xs font-medium whitespace-nowrap";

/**
 * Which model answers. The built-in offline model is never presented as a real
 * LLM: it gets an amber badge and a disclosure explaining what it is.
 */
export function ModelBadge({ info }: { info: ModelInfo }) {
  if (!info.offline) {
    return (
      <span
        data-testid="model-badge"
        data-offline="false"
        title={info.label}
        className={`${badge} min-w-0 border-zinc-200 bg-white text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300`}
      >
        <span aria-hidden="true" className="size-1.5 shrink-0 rounded-full bg-emerald-500" />
        <span className="truncate">{info.label}</span>
      </span>
    );
  }

  return (
    <>
      <button
        type="button"
        data-testid="model-badge"
        data-offline="true"
        popoverTarget="model-badge-details"
        className={
          `${badge} border-amber-300 bg-amber-50 text-amber-900 hover:bg-amber-100 ` +
          "dark:border-amber-700/70 dark:bg-amber-950/60 dark:text-amber-200 dark:hover:bg-amber-900/60"
        }
      >
        <span aria-hidden="true" className="size-1.5 shrink-0 rounded-full bg-amber-500" />
        {/* Phones: "Offline" (the word "model" stays for screen readers). */}
        <span>
          Offline<span className="max-sm:sr-only"> model</span>
        </span>
        <InfoIcon className="size-3.5 opacity-80 max-sm:hidden" />
      </button>
      <div
        id="model-badge-details"
        popover="auto"
        role="dialog"
        aria-label="About the offline model"
        className={
          "fixed inset-auto top-15 right-3 m-0 w-80 max-w-[calc(100vw-1.5rem)] rounded-xl border p-4 text-sm shadow-lg " +
          "border-zinc-200 bg-white text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
        }
      >
        <p className="mb-1.5 flex items-center gap-2 font-semibold text-zinc-900 dark:text-zinc-50">
          <span aria-hidden="true" className="size-2 rounded-full bg-amber-500" />
          Offline model
        </p>
        <p className="leading-relaxed">
          Ballast&apos;s built-in deterministic stand-in: it extracts a summary and tags from your message rather
          than understanding it. Set <Code>OPENAI_API_KEY</Code> (or <Code>OPENAI_BASE_URL</Code> for Ollama,
          vLLM, llama.cpp) and restart to use a real model.
        </p>
      </div>
    </>
  );
}

function Code({ children }: { children: string }) {
  return (
    <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.8em] text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100">
      {children}
    </code>
  );
}
