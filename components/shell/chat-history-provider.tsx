"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import type { ChatSummary } from "@/lib/chat/ui-message";

type ChatHistoryContextValue = {
  chats: ChatSummary[];
  /** Refetches GET /api/chats, e.g. after a new chat's first reply. */
  refresh: () => Promise<void>;
};

const ChatHistoryContext = createContext<ChatHistoryContextValue | null>(null);

/**
 * Holds the sidebar's chat list. The layout server-renders the first list; the
 * client refetches it when a chat changes, because a layout does not re-render
 * on client-side navigation.
 */
export function ChatHistoryProvider({ initialChats, children }: { initialChats: ChatSummary[]; children: ReactNode }) {
  const [chats, setChats] = useState(initialChats);
  // A fresher server render (router.refresh, full navigation) wins over local state.
  const [serverChats, setServerChats] = useState(initialChats);
  if (serverChats !== initialChats) {
    setServerChats(initialChats);
    setChats(initialChats);
  }

  const latestRequest = useRef(0);
  const refresh = useCallback(async () => {
    const request = ++latestRequest.current;
    try {
      const response = await fetch("/api/chats", { cache: "no-store", headers: { accept: "application/json" } });
      if (!response.ok) return;
      const body = (await response.json()) as { chats?: ChatSummary[] };
      // Only the newest request may write, so a slow answer cannot undo a newer one.
      if (request === latestRequest.current && Array.isArray(body.chats)) setChats(body.chats);
    } catch {
      // Offline or server down: keep the list we have; the next refresh fixes it.
    }
  }, []);

  const value = useMemo(() => ({ chats, refresh }), [chats, refresh]);
  return <ChatHistoryContext.Provider value={value}>{children}</ChatHistoryContext.Provider>;
}

export function useChatHistory(): ChatHistoryContextValue {
  const value = useContext(ChatHistoryContext);
  if (!value) throw new Error("useChatHistory must be used inside <ChatHistoryProvider>");
  return value;
}
