"use client";

import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { parseChatError } from "@/lib/chat/chat-error";
import type { ChatUIMessage } from "@/lib/chat/ui-message";
import { useBudget, useBudgetForChat } from "@/components/budget/budget-provider";
import { useFaultsForRequest } from "@/components/dev/fault-settings";
import { useChatHistory } from "@/components/shell/chat-history-provider";
import { ArrowDownIcon } from "@/components/ui/icons";
import { ChatErrorAlert, isRetryable } from "./chat-error-alert";
import { ChatInput } from "./chat-input";
import { EmptyState } from "./empty-state";
import { AssistantMessage, PendingReply, UserMessage } from "./message-item";

/** How close to the bottom (px) still counts as "following" the conversation. */
const STICK_THRESHOLD_PX = 96;

type ChatProps = {
  /** The chat's id: an existing chat's, or a fresh UUID for a new one. */
  id: string;
  title?: string;
  /** Messages loaded on the server, oldest first; empty for a new chat. */
  initialMessages: ChatUIMessage[];
  /** Longest message the server accepts (replyFeature.maxInputChars). */
  maxInputChars: number;
};

function textOf(message: ChatUIMessage): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join("");
}

export function Chat({ id, title, initialMessages, maxInputChars }: ChatProps) {
  const { refresh: refreshHistory } = useChatHistory();
  const { refresh: refreshBudget } = useBudget();
  useBudgetForChat(id);
  const [input, setInput] = useState("");
  const inputRef = useRef<HTMLTextAreaElement | null>(null);
  const mounted = useRef(false);
  const listed = useRef(initialMessages.length > 0);

  // The server keeps the history: each request carries the chat id and only the newest message
  // (plus the dev tools' fault choice, when it is on).
  const faultsForRequest = useFaultsForRequest();
  const [transport] = useState(
    () =>
      new DefaultChatTransport<ChatUIMessage>({
        api: "/api/chat",
        prepareSendMessagesRequest: ({ id: chatId, messages }) => ({
          body: { chatId, message: messages.at(-1), faults: faultsForRequest() },
        }),
      }),
  );

  // Once the server has accepted a new chat's first message, the chat gets its own
  // URL (without remounting anything) and its entry in the sidebar.
  const adoptChat = useCallback(() => {
    if (!mounted.current) return;
    const path = `/chat/${id}`;
    if (window.location.pathname !== path) window.history.replaceState(null, "", path);
    if (!listed.current) {
      listed.current = true;
      void refreshHistory();
    }
  }, [id, refreshHistory]);

  const { messages, setMessages, sendMessage, regenerate, stop, status, error, clearError } = useChat<ChatUIMessage>({
    id,
    messages: initialMessages,
    transport,
    onData: adoptChat,
    onFinish: ({ isError, isAbort }) => {
      if (!isError) adoptChat();
      // The title or the list may have changed (and a failed first request may still have created the chat).
      void refreshHistory();
      // The server settles a reply's usage before its stream finishes, so the meter is current now.
      // A stopped reply is settled once the server notices the abort: look again a moment later.
      void refreshBudget();
      if (isAbort) window.setTimeout(() => void refreshBudget(), 1500);
    },
  });

  const busy = status === "submitted" || status === "streaming";
  const lastMessage = messages.at(-1);
  const chatError = parseChatError(error);

  // Follow the newest message while it streams, unless the reader has scrolled up.
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const [showJump, setShowJump] = useState(false);

  const scrollToBottom = useCallback((behavior: ScrollBehavior = "instant") => {
    const element = scroller.current;
    if (element) element.scrollTo({ top: element.scrollHeight, behavior });
  }, []);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    const atBottom = element.scrollHeight - element.scrollTop - element.clientHeight < STICK_THRESHOLD_PX;
    following.current = atBottom;
    setShowJump(!atBottom);
  };

  useLayoutEffect(() => {
    if (following.current && messages.length > 0) scrollToBottom();
  }, [messages, status, error, scrollToBottom]);

  useEffect(() => {
    mounted.current = true;
    // Focus the input on wide screens; on phones that would pop the keyboard up uninvited.
    if (window.matchMedia("(min-width: 768px)").matches) inputRef.current?.focus({ preventScroll: true });
    return () => {
      mounted.current = false;
    };
  }, []);

  const send = (text: string) => {
    const trimmed = text.trim();
    if (busy || trimmed.length === 0 || trimmed.length > maxInputChars) return;
    following.current = true;
    setShowJump(false);
    void sendMessage({ text: trimmed });
    setInput("");
  };

  const retry = () => {
    following.current = true;
    void regenerate();
  };

  // A non-retryable error (e.g. too long): take the unanswered message back into the input.
  const editLastMessage = () => {
    if (lastMessage?.role !== "user") return;
    setMessages(messages.slice(0, -1));
    setInput(textOf(lastMessage));
    clearError();
    inputRef.current?.focus();
  };

  const retryable = chatError ? isRetryable(chatError) : false;

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div ref={scroller} onScroll={onScroll} className="min-h-0 flex-1 overflow-y-auto">
        {messages.length === 0 ? (
          <EmptyState onPick={send} disabled={busy} />
        ) : (
          <>
            <h1 className="sr-only">{title || "New chat"}</h1>
            <div
              role="log"
              aria-live="polite"
              aria-busy={busy}
              aria-label="Messages"
              className="mx-auto flex w-full max-w-3xl flex-col gap-6 px-3 py-6 sm:px-4 sm:py-8"
            >
              {messages.map((message, index) =>
                message.role === "user" ? (
                  <UserMessage key={message.id} message={message} />
                ) : message.role === "assistant" ? (
                  <AssistantMessage
                    key={message.id}
                    message={message}
                    live={busy && index === messages.length - 1}
                    errored={chatError !== undefined && index === messages.length - 1}
                  />
                ) : null,
              )}
              {status === "submitted" && lastMessage?.role === "user" ? <PendingReply /> : null}
            </div>
          </>
        )}
      </div>

      <div className="relative mx-auto w-full max-w-3xl shrink-0 px-3 pt-1 pb-2 sm:px-4 sm:pb-3">
        {showJump ? (
          <button
            type="button"
            onClick={() => {
              following.current = true;
              setShowJump(false);
              scrollToBottom("smooth");
            }}
            className="absolute -top-11 left-1/2 inline-flex -translate-x-1/2 items-center gap-1.5 rounded-full border border-zinc-200 bg-white px-3 py-1.5 text-xs font-medium text-zinc-700 shadow-md hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800"
          >
            <ArrowDownIcon className="size-3.5" />
            Latest
          </button>
        ) : null}
        <div className="space-y-2">
          {chatError ? (
            <ChatErrorAlert
              error={chatError}
              onRetry={retryable && !busy ? retry : undefined}
              onEdit={!retryable && lastMessage?.role === "user" ? editLastMessage : undefined}
              onDismiss={clearError}
            />
          ) : null}
          <ChatInput
            inputRef={inputRef}
            value={input}
            onChange={setInput}
            onSubmit={() => send(input)}
            onStop={() => void stop()}
            busy={busy}
            maxChars={maxInputChars}
          />
          <p className="px-2 text-center text-[11px] leading-4 text-zinc-500 dark:text-zinc-400">
            Replies are checked for shape, not for truth.
          </p>
        </div>
      </div>
    </div>
  );
}
