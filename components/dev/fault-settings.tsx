"use client";

import { createContext, useCallback, useContext, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { FAULT_MODES, isFaultMode, type FaultMode } from "@/lib/ai/faults";

/** The fault switch's choices, kept per browser in localStorage. */
export type FaultSettings = {
  modes: FaultMode[];
  /** Probability per attempt, 0..1. */
  rate: number;
  /** Fault only the first attempt, so the retry or fallback can be watched succeeding. */
  firstAttemptOnly: boolean;
};

/** What a request body's `faults` field carries (the shape POST /api/chat and /api/summarize accept). */
export type FaultRequestBody = { modes: FaultMode[]; rate: number; firstAttemptOnly: boolean };

export const FAULT_RATES = [0.1, 0.3, 0.5, 1] as const;

export const DEFAULT_FAULT_SETTINGS: FaultSettings = Object.freeze({ modes: [], rate: 1, firstAttemptOnly: true });

const STORAGE_KEY = "ballast:fault-settings";

// ---------- the store: localStorage, shared by every component and tab ----------

const listeners = new Set<() => void>();
let cachedRaw: string | null | undefined;
let cachedSettings: FaultSettings = DEFAULT_FAULT_SETTINGS;

function parseSettings(raw: string | null): FaultSettings {
  if (!raw) return DEFAULT_FAULT_SETTINGS;
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof FaultSettings, unknown>>;
    const modes = Array.isArray(value.modes) ? value.modes.filter(isFaultMode) : [];
    const rate = typeof value.rate === "number" && value.rate > 0 && value.rate <= 1 ? value.rate : DEFAULT_FAULT_SETTINGS.rate;
    const firstAttemptOnly = typeof value.firstAttemptOnly === "boolean" ? value.firstAttemptOnly : true;
    // Keep the canonical order, whatever order they were ticked in.
    return { modes: FAULT_MODES.filter((mode) => modes.includes(mode)), rate, firstAttemptOnly };
  } catch {
    return DEFAULT_FAULT_SETTINGS;
  }
}

function readRaw(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // Storage blocked (privacy mode): the switch works for this page only.
  }
}

function getSnapshot(): FaultSettings {
  const raw = readRaw();
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cachedSettings = parseSettings(raw);
  }
  return cachedSettings;
}

function getServerSnapshot(): FaultSettings {
  return DEFAULT_FAULT_SETTINGS;
}

function subscribe(onChange: () => void): () => void {
  listeners.add(onChange);
  // Another tab changed the settings.
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY || event.key === null) onChange();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onStorage);
  };
}

function writeSettings(settings: FaultSettings): void {
  const raw = JSON.stringify(settings);
  try {
    window.localStorage.setItem(STORAGE_KEY, raw);
  } catch {
    // Not persisted; the in-memory copy below still applies.
  }
  cachedRaw = readRaw() ?? raw;
  cachedSettings = settings;
  for (const listener of listeners) listener();
}

/** Whether these settings inject anything. */
export function faultsActive(settings: FaultSettings): boolean {
  return settings.modes.length > 0 && settings.rate > 0;
}

// ---------- React: the dev-tools flag from the server, and hooks ----------

const DevToolsContext = createContext(false);

/**
 * Whether the server accepts fault requests (devToolsEnabled(): `next dev`, or
 * BALLAST_DEV_TOOLS=1). Without it the switch is not shown and requests never carry
 * faults, whatever an earlier dev session left in localStorage.
 */
export function DevToolsProvider({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  return <DevToolsContext.Provider value={enabled}>{children}</DevToolsContext.Provider>;
}

export function useDevToolsEnabled(): boolean {
  return useContext(DevToolsContext);
}

export function useFaultSettings() {
  const enabled = useDevToolsEnabled();
  const settings = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
  const update = useCallback((change: Partial<FaultSettings>) => writeSettings({ ...getSnapshot(), ...change }), []);
  return useMemo(
    () => ({ enabled, settings, active: enabled && faultsActive(settings), update }),
    [enabled, settings, update],
  );
}

/**
 * A function for a transport's prepareSendMessagesRequest: the `faults` field for
 * the request being sent now, or undefined when the switch is off. Read at send
 * time, so a transport created once still sends the current choice.
 */
export function useFaultsForRequest(): () => FaultRequestBody | undefined {
  // The flag comes from the server render and does not change while the page lives.
  const enabled = useDevToolsEnabled();
  return useCallback(() => {
    if (!enabled) return undefined;
    const settings = getSnapshot();
    if (!faultsActive(settings)) return undefined;
    return { modes: [...settings.modes], rate: settings.rate, firstAttemptOnly: settings.firstAttemptOnly };
  }, [enabled]);
}
