import type { StructuredPartData } from "@/lib/chat/ui-message";

/** What a structured card shows, from its part's state and whether its response is still arriving. */
export type CardPhase = "streaming" | "done" | "stopped" | "failed";

/**
 * "stopped" comes from the server; a "streaming" part that is no longer live was
 * cut off in this tab (stopped, or the stream broke) before the server said otherwise.
 */
export function cardPhase(state: StructuredPartData<unknown>["state"], live: boolean): CardPhase {
  if (state === "streaming") return live ? "streaming" : "stopped";
  return state;
}

/** The card's frame; a failed attempt gets a dashed, quieter one. */
export function cardFrameClasses(phase: CardPhase): string {
  return (
    "rounded-2xl border shadow-sm " +
    (phase === "failed"
      ? "border-dashed border-zinc-300 bg-zinc-50/60 dark:border-zinc-700 dark:bg-zinc-900/50"
      : "border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900")
  );
}

/** A failed attempt's content is dimmed (the error alert below the card says why). */
export function dimmedIf(phase: CardPhase): string {
  return phase === "failed" ? "opacity-55 saturate-50" : "";
}

/** Non-empty strings of a partial list (a streaming list can hold undefined or "" at its end). */
export function presentStrings(list: readonly unknown[] | undefined): string[] {
  return (list ?? []).filter((item): item is string => typeof item === "string" && item.length > 0);
}
