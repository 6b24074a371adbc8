"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useId, useState, type KeyboardEvent } from "react";
import { parseChatError } from "@/lib/chat/chat-error";
import type { SummarizeUIMessage, SummaryPartData } from "@/lib/chat/ui-message";
import { useBudget } from "@/components/budget/budget-provider";
import { ChatErrorAlert, isRetryable } from "@/components/chat/chat-error-alert";
import { PendingReply } from "@/components/chat/message-item";
import { useFaultsForRequest } from "@/components/dev/fault-settings";
import { ModelStatus, statusOf, visibleStatus } from "@/components/structured/model-status";
import { Button } from "@/components/ui/button";
import { DocumentTextIcon, SparkIcon, StopIcon } from "@/components/ui/icons";
import { SummaryCard } from "./summary-card";

const numbers = new Intl.NumberFormat("en-US");

const EXAMPLE_TEXT =
  "Ships carry ballast to stay upright. Without cargo, a hull rides high in the water and a strong crosswind " +
  "can roll it over, so crews pump seawater into tanks low in the hull to lower the centre of gravity. Ballast " +
  "water brings its own problem: organisms taken on in one port are released in another, where invasive species " +
  "such as the zebra mussel have caused billions of dollars in damage. Since 2017 an international convention " +
  "requires most ships to treat ballast water before discharging it, usually with filters and ultraviolet light.";

function textOf(message: SummarizeUIMessage | undefined): string {
  return (message?.parts ?? []).map((part) => (part.type === "text" ? part.text : "")).join("");
}

function summaryOf(message: SummarizeUIMessage | undefined): SummaryPartData | undefined {
  const parts = message?.parts ?? [];
  for (let index = parts.length - 1; index >= 0; index--) {
    const part = parts[index];
    if (part?.type === "data-summary") return part.data;
  }
  return undefined;
}

/**
 * The summarize feature's UI: paste text, stream one structured summary into a
 * card. Each run replaces the previous one (the endpoint is stateless); the
 * request body is `{ text, faults? }`, built from the newest message.
 */
export function Summarize({ maxInputChars }: { maxInputChars: number }) {
  const id = useId();
  const [text, setText] = useState("");
  const faultsForRequest = useFaultsForRequest();
  const [transport] = useState(
    () =>
      new DefaultChatTransport<SummarizeUIMessage>({
        api: "/api/summarize",
        prepareSendMessagesRequest: ({ messages }) => ({
          body: { text: textOf(messages.findLast((message) => message.role === "user")), faults: faultsForRequest() },
        }),
      }),
  );
  const { refresh: refreshBudget } = useBudget();
  const { messages, setMessages, sendMessage, regenerate, stop, status, error, clearError } =
    useChat<SummarizeUIMessage>({
      transport,
      // Every run (finished, failed or stopped) may have changed what is left of the budget.
      onFinish: ({ isAbort }) => {
        void refreshBudget();
        if (isAbort) window.setTimeout(() => void refreshBudget(), 1500);
      },
    });

  const busy = status === "submitted" || status === "streaming";
  const last = messages.at(-1);
  const result = last?.role === "assistant" ? last : undefined;
  const summary = summaryOf(result);
  const modelStatus = visibleStatus(statusOf(result?.parts ?? []), busy);
  const summarizeError = parseChatError(error);
  const retryable = summarizeError ? isRetryable(summarizeError) : false;

  const length = text.length;
  const tooLong = length > maxInputChars;
  const canSubmit = !busy && text.trim().length > 0 && !tooLong;

  const submit = () => {
    if (!canSubmit) return;
    clearError();
    // Only the newest result is shown: start each run from an empty conversation.
    setMessages([]);
    void sendMessage({ text: text.trim() });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <section aria-labelledby={`${id}-title`} className="min-w-0">
      <header>
        <h1 id={`${id}-title`} className="text-[22px] leading-tight font-semibold tracking-tight text-zinc-950 sm:text-2xl dark:text-white">
          Summarize
        </h1>
        <p className="mt-1.5 max-w-xl text-[15px] leading-relaxed text-zinc-600 dark:text-zinc-400">
          Paste any text. The summary, tags and confidence stream in and are checked against the feature&apos;s schema as
          they arrive.
        </p>
      </header>

      <form
        className="mt-5"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="mb-1.5 flex items-end justify-between gap-3">
          <label htmlFor={`${id}-text`} className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
            Text to summarize
          </label>
          <button
            type="button"
            onClick={() => setText(EXAMPLE_TEXT)}
            disabled={busy}
            className="rounded text-[13px] font-medium text-accent-700 underline decoration-accent-300 underline-offset-2 hover:decoration-current disabled:opacity-50 dark:text-accent-300 dark:decoration-accent-700"
          >
            Use an example
          </button>
        </div>
        <div
          className={
            "rounded-2xl border bg-white shadow-sm transition-[border-color,box-shadow] dark:bg-zinc-900 " +
            (tooLong
              ? "border-rose-400 focus-within:ring-4 focus-within:ring-rose-500/15 dark:border-rose-600"
              : "border-zinc-300 focus-within:border-accent-400 focus-within:ring-4 focus-within:ring-accent-500/15 dark:border-zinc-700 dark:focus-within:border-accent-500")
          }
        >
          <textarea
            id={`${id}-text`}
            data-testid="summarize-input"
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
            rows={8}
            placeholder="Paste an article, an email thread, meeting notes…"
            aria-invalid={tooLong || undefined}
            aria-describedby={`${id}-count ${id}-hint`}
            className="block max-h-[50dvh] min-h-40 w-full resize-y rounded-2xl bg-transparent px-4 pt-3.5 pb-2 text-[15px] leading-6 text-zinc-900 placeholder:text-zinc-500 focus:outline-none dark:text-zinc-100"
          />
          <div className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 pb-3">
            <p
              id={`${id}-count`}
              className={
                "pl-1 text-xs tabular-nums " +
                (tooLong ? "font-semibold text-rose-700 dark:text-rose-400" : "text-zinc-500 dark:text-zinc-400")
              }
            >
              {numbers.format(length)} / {numbers.format(maxInputChars)} characters
              {tooLong ? ` · ${numbers.format(length - maxInputChars)} over the limit` : null}
            </p>
            <p id={`${id}-hint`} className="hidden text-xs text-zinc-500 sm:block dark:text-zinc-400">
              <kbd className="font-sans font-medium">Ctrl</kbd> + <kbd className="font-sans font-medium">Enter</kbd> to
              summarize
            </p>
            <span role="status" className="sr-only">
              {tooLong ? `The text is longer than ${numbers.format(maxInputChars)} characters. Shorten it to summarize.` : ""}
            </span>
            <div className="ml-auto flex items-center gap-2">
              {busy ? (
                <Button data-testid="stop-button" variant="secondary" onClick={() => void stop()}>
                  <StopIcon />
                  Stop
                </Button>
              ) : null}
              <Button type="submit" data-testid="summarize-button" variant="primary" disabled={!canSubmit}>
                <SparkIcon />
                {busy ? "Summarizing…" : "Summarize"}
              </Button>
            </div>
          </div>
        </div>
      </form>

      <div className="mt-6 space-y-3" aria-live="polite" aria-busy={busy}>
        <h2 className="sr-only">Result</h2>
        {summarizeError ? (
          <ChatErrorAlert
            error={summarizeError}
            onRetry={retryable && !busy ? () => void regenerate() : undefined}
            onDismiss={clearError}
          />
        ) : null}
        {summary ? (
          <SummaryCard data={summary} live={busy} />
        ) : busy ? (
          modelStatus ? null : (
            <div className="rounded-2xl border border-zinc-200 bg-white px-4 py-3 shadow-sm sm:px-5 dark:border-zinc-800 dark:bg-zinc-900">
              <PendingReply />
            </div>
          )
        ) : !summarizeError ? (
          <div className="flex items-center gap-3 rounded-2xl border border-dashed border-zinc-300 px-4 py-5 text-sm text-zinc-500 sm:px-5 dark:border-zinc-700 dark:text-zinc-400">
            <DocumentTextIcon className="size-5 shrink-0 text-zinc-400 dark:text-zinc-500" />
            The summary, its tags and a confidence score will appear here.
          </div>
        ) : null}
        {modelStatus ? <ModelStatus status={modelStatus} /> : null}
      </div>
    </section>
  );
}
