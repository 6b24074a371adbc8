"use client";

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { BudgetMeter } from "@/lib/budget/meter";

type BudgetContextValue = {
  /** The latest figures, or null until the first answer. */
  meter: BudgetMeter | null;
  /** "loading" until the first answer; "error" when the last fetch failed (the old figures stay). */
  status: "loading" | "ready" | "error";
  /** Refetches GET /api/budget, e.g. after a reply finished or failed. */
  refresh: () => Promise<void>;
  /** The chat on screen, so its own budget ("This chat") is included; null elsewhere. */
  setChatId: (chatId: string | null) => void;
};

const BudgetContext = createContext<BudgetContextValue | null>(null);

/**
 * Holds the budget meter's figures for the header. They are fetched on mount,
 * whenever the chat on screen or the visitor changes, when the tab becomes
 * visible again, and whenever a page calls refresh (after each reply).
 */
export function BudgetProvider({ userId, children }: { userId: string; children: ReactNode }) {
  const [meter, setMeter] = useState<BudgetMeter | null>(null);
  const [status, setStatus] = useState<BudgetContextValue["status"]>("loading");
  const [chatId, setChatId] = useState<string | null>(null);

  const chatIdRef = useRef(chatId);
  const latestRequest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latestRequest.current;
    const query = chatIdRef.current ? `?chatId=${encodeURIComponent(chatIdRef.current)}` : "";
    try {
      const response = await fetch(`/api/budget${query}`, { cache: "no-store", headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(`GET /api/budget answered ${response.status}`);
      const body = (await response.json()) as BudgetMeter;
      // Only the newest request may write, so a slow answer cannot undo a newer one.
      if (request !== latestRequest.current) return;
      setMeter(body);
      setStatus("ready");
    } catch {
      // Offline or server down: keep the figures we have; the next refresh fixes it.
      if (request === latestRequest.current) setStatus("error");
    }
  }, []);

  useEffect(() => {
    chatIdRef.current = chatId;
    void load();
  }, [chatId, userId, load]);

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === "visible") void load();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [load]);

  const value = useMemo(() => ({ meter, status, refresh: load, setChatId }), [meter, status, load]);
  return <BudgetContext.Provider value={value}>{children}</BudgetContext.Provider>;
}

export function useBudget(): BudgetContextValue {
  const value = useContext(BudgetContext);
  if (!value) throw new Error("useBudget must be used inside <BudgetProvider>");
  return value;
}

/** Shows this chat's own budget in the meter while the chat is on screen. */
export function useBudgetForChat(chatId: string): void {
  const { setChatId } = useBudget();
  useEffect(() => {
    setChatId(chatId);
    return () => setChatId(null);
  }, [chatId, setChatId]);
}
