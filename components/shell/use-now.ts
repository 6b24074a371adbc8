import { useSyncExternalStore } from "react";

let now = 0;

function subscribe(onChange: () => void): () => void {
  now = Date.now();
  onChange();
  const timer = setInterval(() => {
    now = Date.now();
    onChange();
  }, 60_000);
  return () => clearInterval(timer);
}

function getSnapshot(): number {
  if (now === 0) now = Date.now();
  return now;
}

function getServerSnapshot(): null {
  return null;
}

/**
 * The current time, ticking once a minute, or null while server rendering and
 * hydrating: relative dates depend on the visitor's clock and time zone, so they
 * are only rendered in the browser (no hydration mismatch).
 */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
