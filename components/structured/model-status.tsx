import type { StatusPartData } from "@/lib/chat/ui-message";
import { ClockIcon, HourglassIcon } from "@/components/ui/icons";

/** The newest `data-status` part of a message (one part, updated in place), if any. */
export function statusOf(parts: readonly { type: string; data?: unknown }[]): StatusPartData | undefined {
  for (let index = parts.length - 1; index >= 0; index--) {
    const part = parts[index];
    if (part?.type === "data-status") return part.data as StatusPartData;
  }
  return undefined;
}

/** The status worth showing: only while the response is arriving and the server has something to say. */
export function visibleStatus(status: StatusPartData | undefined, live: boolean): StatusPartData | undefined {
  return live && status && status.state !== "idle" ? status : undefined;
}

/**
 * A subtle inline notice while a reply is pending: the model is slow to start,
 * or the server is waiting out a rate limit. Its text is the server's.
 */
export function ModelStatus({ status }: { status: StatusPartData }) {
  const Icon = status.state === "waiting" ? HourglassIcon : ClockIcon;
  return (
    <p
      role="status"
      data-testid="model-status"
      data-state={status.state}
      className="flex w-fit max-w-full items-start gap-2 self-start rounded-xl border border-zinc-200 bg-zinc-50 px-3 py-2 text-[13px] leading-5 text-zinc-600 dark:border-zinc-800 dark:bg-zinc-900/70 dark:text-zinc-300"
    >
      <Icon className="mt-0.5 size-4 shrink-0 text-amber-600 motion-safe:animate-pulse dark:text-amber-400" />
      <span className="min-w-0">{status.message}</span>
    </p>
  );
}
