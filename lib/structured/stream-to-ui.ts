import "server-only";
import type { DeepPartial } from "ai";
import type { z } from "zod";
import type { StatusPartData, StructuredPartData } from "@/lib/chat/ui-message";
import { runAttempts, type RunAttemptsOptions, type RunResult } from "./run-attempts";

export type StreamToUIOptions<Schema extends z.ZodType> = Omit<RunAttemptsOptions<Schema>, "onEvent"> & {
  /** Writes the one structured data part (same id every time: the card updates in place). */
  writeReply: (data: StructuredPartData<z.infer<Schema>>) => void;
  /** Writes the one status data part (slow model, waiting after a rate limit). */
  writeStatus: (data: StatusPartData) => void;
};

export type StreamToUIResult<T> = {
  run: RunResult<T>;
  /** What the card showed last, with its final state; undefined when nothing arrived. */
  final: StructuredPartData<T> | undefined;
};

/**
 * Runs the attempt loop and mirrors it into UI data parts: partial objects
 * stream into the card, a retry or fallback empties the same card and says why,
 * and the status line tells the user when the model is slow or rate-limited.
 */
export async function streamToUI<Schema extends z.ZodType>({
  writeReply,
  writeStatus,
  ...options
}: StreamToUIOptions<Schema>): Promise<StreamToUIResult<z.infer<Schema>>> {
  type T = z.infer<Schema>;
  let current: StructuredPartData<T> | undefined;
  let statusShown = false;
  const clearStatus = (attempt: number) => {
    if (!statusShown) return;
    statusShown = false;
    writeStatus({ state: "idle", message: "", attempt });
  };

  const run: RunResult<T> = await runAttempts({
    ...options,
    onEvent: (event) => {
      switch (event.type) {
        case "attempt-start": {
          const fresh: StructuredPartData<T> = {
            attempt: event.attempt,
            state: "streaming",
            // A generic DeepPartial<T> cannot be written as a literal; {} is the empty partial of any object schema.
            reply: {} as DeepPartial<T>,
            model: event.modelId,
            ...(event.reason === "first" ? {} : { retry: { reason: event.reason, problem: event.problem } }),
          };
          current = fresh;
          // The first attempt's card appears with its first partial; a retry replaces the old card now.
          if (event.attempt > 1) writeReply(fresh);
          clearStatus(event.attempt);
          break;
        }
        case "partial":
          if (!current) break;
          current = { ...current, reply: event.partial };
          writeReply(current);
          break;
        case "slow":
          statusShown = true;
          writeStatus({
            state: "slow",
            message: `The model (${event.modelId}) has not started answering after ${seconds(event.waitedMs)}. Still waiting…`,
            attempt: event.attempt,
          });
          break;
        case "first-chunk":
          clearStatus(event.attempt);
          break;
        case "backoff":
          statusShown = true;
          writeStatus({
            state: "waiting",
            message: `The provider is rate-limiting requests; trying again in ${seconds(event.waitMs)}.`,
            attempt: event.attempt,
          });
          break;
        case "attempt-end":
          break;
      }
    },
  });

  let final: StructuredPartData<T> | undefined;
  if (run.status === "ok" && current) {
    final = { ...current, state: "done", reply: run.value as DeepPartial<T>, model: run.modelId };
  } else if (run.status === "aborted" && current) {
    final = { ...current, state: "stopped" };
  } else if (run.status === "failed" && current) {
    final = { ...current, state: "failed" };
  }
  if (final) writeReply(final);
  clearStatus(current?.attempt ?? 1);
  return { run, final };
}

function seconds(ms: number): string {
  const n = Math.max(1, Math.round(ms / 1000));
  return `${n} second${n === 1 ? "" : "s"}`;
}
