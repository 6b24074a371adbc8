"use client";

import { useId, useLayoutEffect, type KeyboardEvent, type RefObject } from "react";
import { Button } from "@/components/ui/button";
import { ArrowUpIcon, StopIcon } from "@/components/ui/icons";

const MAX_HEIGHT_PX = 224;
const numbers = new Intl.NumberFormat("en-US");

type ChatInputProps = {
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  onStop: () => void;
  /** A response is on its way: the button stops it instead of sending. */
  busy: boolean;
  maxChars: number;
  /** The textarea, for the parent to focus it. */
  inputRef: RefObject<HTMLTextAreaElement | null>;
};

/**
 * The composer: an auto-growing textarea (Enter sends, Shift+Enter adds a line)
 * with a character counter that appears near the limit and blocks sending past it.
 */
export function ChatInput({ value, onChange, onSubmit, onStop, busy, maxChars, inputRef }: ChatInputProps) {
  const id = useId();
  const length = value.length;
  const tooLong = length > maxChars;
  const showCounter = length >= maxChars * 0.8;
  const canSend = !busy && value.trim().length > 0 && !tooLong;

  // Grow with the content up to a maximum, then scroll.
  useLayoutEffect(() => {
    const element = inputRef.current;
    if (!element) return;
    element.style.height = "auto";
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [value, inputRef]);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (canSend) onSubmit();
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (canSend) onSubmit();
      }}
      className={
        "rounded-2xl border bg-white shadow-sm transition-[border-color,box-shadow] dark:bg-zinc-900 " +
        (tooLong
          ? "border-rose-400 focus-within:ring-4 focus-within:ring-rose-500/15 dark:border-rose-600"
          : "border-zinc-300 focus-within:border-accent-400 focus-within:ring-4 focus-within:ring-accent-500/15 dark:border-zinc-700 dark:focus-within:border-accent-500")
      }
    >
      <label htmlFor={id} className="sr-only">
        Message
      </label>
      <textarea
        ref={inputRef}
        id={id}
        data-testid="chat-input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        rows={1}
        placeholder="Ask Ballast anything…"
        aria-invalid={tooLong || undefined}
        aria-describedby={`${id}-hint ${id}-count`}
        autoComplete="off"
        className="block max-h-56 min-h-12 w-full resize-none bg-transparent px-4 pt-3.5 pb-1 text-[15px] leading-6 text-zinc-900 placeholder:text-zinc-500 focus:outline-none dark:text-zinc-100 dark:placeholder:text-zinc-500"
      />
      <div className="flex items-center gap-3 px-3 pb-3">
        <p id={`${id}-hint`} className="hidden pl-1 text-xs text-zinc-500 sm:block dark:text-zinc-400">
          <kbd className="font-sans font-medium">Enter</kbd> to send,{" "}
          <kbd className="font-sans font-medium">Shift</kbd> + <kbd className="font-sans font-medium">Enter</kbd> for
          a new line
        </p>
        <p
          id={`${id}-count`}
          className={
            "ml-auto text-xs tabular-nums " +
            (showCounter ? "" : "sr-only ") +
            (tooLong ? "font-semibold text-rose-700 dark:text-rose-400" : "text-zinc-500 dark:text-zinc-400")
          }
        >
          {showCounter ? (
            <>
              {numbers.format(length)} / {numbers.format(maxChars)}
              {tooLong ? ` · ${numbers.format(length - maxChars)} over the limit` : null}
            </>
          ) : (
            `Up to ${numbers.format(maxChars)} characters`
          )}
        </p>
        <span role="status" className="sr-only">
          {tooLong ? `Your message is longer than ${numbers.format(maxChars)} characters. Shorten it to send.` : ""}
        </span>
        {busy ? (
          <Button
            type="button"
            data-testid="stop-button"
            variant="secondary"
            size="icon"
            className={showCounter ? "" : "ml-auto"}
            aria-label="Stop generating"
            onClick={onStop}
          >
            <StopIcon />
          </Button>
        ) : (
          <Button
            type="submit"
            data-testid="send-button"
            variant="primary"
            size="icon"
            className={showCounter ? "" : "ml-auto"}
            aria-label="Send message"
            disabled={!canSend}
          >
            <ArrowUpIcon />
          </Button>
        )}
      </div>
    </form>
  );
}
