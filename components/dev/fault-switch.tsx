"use client";

import { useEffect, useId, useRef } from "react";
import { FAULT_DESCRIPTIONS, FAULT_MODES, type FaultMode } from "@/lib/ai/faults";
import { Button } from "@/components/ui/button";
import { FlaskIcon, XIcon } from "@/components/ui/icons";
import { FAULT_RATES, useFaultSettings, type FaultSettings } from "./fault-settings";

export const FAULT_PANEL_ID = "fault-panel";

/** What the reliability layer does about each fault, as the panel teaches it. */
const OUTCOMES: Record<FaultMode, string> = {
  prose: "repaired",
  fence: "repaired",
  trailing_comma: "repaired",
  single_quotes: "repaired",
  wrong_types: "coerced",
  truncate: "retried",
  missing_field: "retried",
  latency_spike: "slow notice",
  rate_limit: "backoff",
  server_error: "retried",
  stream_cut: "retried",
};

const GROUPS: { title: string; modes: readonly FaultMode[] }[] = [
  {
    title: "Malformed output",
    modes: ["prose", "fence", "trailing_comma", "single_quotes", "wrong_types", "truncate", "missing_field"],
  },
  { title: "Timing and transport", modes: ["latency_spike", "rate_limit", "server_error", "stream_cut"] },
];

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** "missing_field, 100% of attempts, first attempt only": the settings in one line. */
export function describeFaults(settings: FaultSettings): string {
  const modes =
    settings.modes.length === FAULT_MODES.length
      ? "all faults"
      : settings.modes.length > 3
        ? `${settings.modes.length} faults`
        : settings.modes.join(", ");
  return `${modes} · ${percent(settings.rate)}${settings.firstAttemptOnly ? " · first attempt only" : " · every attempt"}`;
}

/**
 * Dev tools: the header button that opens the fault injection panel. Amber while
 * faults are on. Render it only when the server has dev tools enabled.
 */
export function FaultSwitch() {
  const { active } = useFaultSettings();
  return (
    <>
      <button
        type="button"
        data-testid="fault-toggle"
        popoverTarget={FAULT_PANEL_ID}
        aria-label={active ? "Faults: fault injection is on" : "Faults: fault injection"}
        title="Fault injection (dev tools)"
        className={
          "relative inline-flex h-7 shrink-0 items-center gap-1.5 rounded-full border px-2 text-xs font-medium transition-colors sm:px-2.5 " +
          (active
            ? "border-amber-300 bg-amber-50 text-amber-900 hover:bg-amber-100 dark:border-amber-700/70 dark:bg-amber-950/60 dark:text-amber-200 dark:hover:bg-amber-900/60"
            : "border-zinc-200 bg-white text-zinc-600 hover:bg-zinc-50 hover:text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300 dark:hover:bg-zinc-800 dark:hover:text-zinc-100")
        }
      >
        <FlaskIcon className="size-3.5" />
        <span className="max-sm:sr-only" aria-hidden="true">
          Faults
        </span>
        {active ? (
          <span aria-hidden="true" className="size-1.5 rounded-full bg-amber-500 motion-safe:animate-pulse" />
        ) : null}
      </button>
      <FaultPanel />
    </>
  );
}

/** The panel (a native popover: Escape and a click outside close it, focus returns to the button). */
function FaultPanel() {
  const { settings, active, update } = useFaultSettings();
  const panel = useRef<HTMLDivElement>(null);
  const allBox = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const rateId = useId();
  const firstOnlyHintId = useId();

  const allChecked = settings.modes.length === FAULT_MODES.length;
  const someChecked = settings.modes.length > 0 && !allChecked;

  useEffect(() => {
    if (allBox.current) allBox.current.indeterminate = someChecked;
  }, [someChecked]);

  // Move focus into the panel when it opens, so keyboard users land on its first control.
  useEffect(() => {
    const element = panel.current;
    if (!element) return;
    const onToggle = (event: Event) => {
      if ((event as ToggleEvent).newState === "open") allBox.current?.focus();
    };
    element.addEventListener("toggle", onToggle);
    return () => element.removeEventListener("toggle", onToggle);
  }, []);

  const setMode = (mode: FaultMode, on: boolean) => {
    const next = new Set(settings.modes);
    if (on) next.add(mode);
    else next.delete(mode);
    update({ modes: FAULT_MODES.filter((item) => next.has(item)) });
  };

  return (
    <div
      ref={panel}
      id={FAULT_PANEL_ID}
      popover="auto"
      role="dialog"
      aria-labelledby={titleId}
      data-testid="fault-panel"
      className={
        "fixed inset-auto top-15 right-3 m-0 max-h-[calc(100dvh-4.5rem)] w-[28rem] max-w-[calc(100vw-1.5rem)] overflow-y-auto overscroll-contain rounded-xl border p-0 text-sm shadow-xl " +
        "border-zinc-200 bg-white text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
      }
    >
      <div className="flex items-start gap-3 border-b border-zinc-100 px-4 pt-3.5 pb-3 dark:border-zinc-800">
        <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-lg bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300">
          <FlaskIcon className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="font-semibold text-zinc-950 dark:text-white">
            Fault injection
          </h2>
          <p className="mt-0.5 text-xs leading-5 text-zinc-500 dark:text-zinc-400">
            Make the model misbehave on purpose and watch Ballast repair, retry or wait. Applies to chat and
            summarize requests from this browser.
          </p>
        </div>
        <Button
          variant="ghost"
          size="icon-sm"
          aria-label="Close fault injection"
          popoverTarget={FAULT_PANEL_ID}
          popoverTargetAction="hide"
          className="-mt-1 -mr-1.5"
        >
          <XIcon />
        </Button>
      </div>

      <fieldset className="px-4 pt-2.5">
        <legend className="sr-only">Faults to inject</legend>
        <label className="flex items-center gap-2.5 rounded-md py-1 font-medium text-zinc-900 dark:text-zinc-100">
          <input
            ref={allBox}
            type="checkbox"
            data-testid="fault-mode-all"
            checked={allChecked}
            onChange={(event) => update({ modes: event.target.checked ? [...FAULT_MODES] : [] })}
            className="size-4 shrink-0 accent-amber-600"
          />
          All faults
        </label>
        {GROUPS.map((group) => (
          <div key={group.title} className="mt-2">
            <p className="mb-0.5 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
              {group.title}
            </p>
            <ul className="space-y-px">
              {group.modes.map((mode) => (
                <li key={mode}>
                  <label className="-mx-1 flex items-center gap-2.5 rounded-md px-1 py-[3px] text-[13px] hover:bg-zinc-50 dark:hover:bg-zinc-800/60">
                    <input
                      type="checkbox"
                      data-testid={`fault-mode-${mode}`}
                      checked={settings.modes.includes(mode)}
                      onChange={(event) => setMode(mode, event.target.checked)}
                      className="size-4 shrink-0 accent-amber-600"
                    />
                    <span className="min-w-0 flex-1 leading-5">
                      <span className="text-zinc-800 dark:text-zinc-200">{FAULT_DESCRIPTIONS[mode]}</span>
                      <span className="ml-1.5 font-mono text-[11px] text-zinc-500 dark:text-zinc-400">{mode}</span>
                    </span>
                    <span className="shrink-0 text-[11px] text-zinc-500 dark:text-zinc-400">{OUTCOMES[mode]}</span>
                  </label>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </fieldset>

      <div className="mt-2.5 space-y-2.5 border-t border-zinc-100 px-4 pt-3 pb-3.5 dark:border-zinc-800">
        <div className="flex items-center justify-between gap-3">
          <label htmlFor={rateId} className="font-medium text-zinc-900 dark:text-zinc-100">
            How often
          </label>
          <select
            id={rateId}
            data-testid="fault-rate"
            value={String(settings.rate)}
            onChange={(event) => update({ rate: Number(event.target.value) })}
            className="h-8 rounded-lg border border-zinc-300 bg-white px-2 text-sm text-zinc-900 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100"
          >
            {FAULT_RATES.map((rate) => (
              <option key={rate} value={String(rate)}>
                {percent(rate)} of attempts
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-start gap-2.5">
          <input
            type="checkbox"
            data-testid="fault-first-only"
            checked={settings.firstAttemptOnly}
            onChange={(event) => update({ firstAttemptOnly: event.target.checked })}
            aria-describedby={firstOnlyHintId}
            className="mt-0.5 size-4 shrink-0 accent-amber-600"
          />
          <span>
            <span className="font-medium text-zinc-900 dark:text-zinc-100">Only the first attempt</span>
            <span id={firstOnlyHintId} className="block text-xs leading-5 text-zinc-500 dark:text-zinc-400">
              The retry then succeeds, so you can watch the recovery.
            </span>
          </span>
        </label>
        <div className="flex items-center justify-between gap-3">
          <p className="text-xs text-zinc-500 dark:text-zinc-400" aria-live="polite">
            {active ? "Faults are on." : "Faults are off."}
          </p>
          <Button size="sm" variant="secondary" disabled={!active} onClick={() => update({ modes: [] })}>
            Turn off
          </Button>
        </div>
      </div>
    </div>
  );
}

/**
 * The amber strip under the header while faults are on, so nobody forgets they
 * are on: what is injected, a way back into the panel, and a way out.
 */
export function FaultsActiveBanner() {
  const { settings, active, update } = useFaultSettings();
  if (!active) return null;
  return (
    <div
      data-testid="faults-active"
      className="flex shrink-0 items-center gap-2 border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-950 md:px-4 dark:border-amber-900/70 dark:bg-amber-950/50 dark:text-amber-100"
    >
      <FlaskIcon className="size-3.5 shrink-0 text-amber-700 dark:text-amber-400" />
      <p className="min-w-0 flex-1 truncate">
        <span className="font-semibold">Faults on</span>
        <span aria-hidden="true"> · </span>
        <span className="sr-only">: </span>
        <span className="font-mono text-[11px]">{describeFaults(settings)}</span>
      </p>
      <button
        type="button"
        popoverTarget={FAULT_PANEL_ID}
        className="shrink-0 rounded font-medium max-sm:hidden underline decoration-amber-400 underline-offset-2 hover:decoration-current"
      >
        Change
      </button>
      <button
        type="button"
        onClick={() => update({ modes: [] })}
        className="shrink-0 rounded font-medium underline decoration-amber-400 underline-offset-2 hover:decoration-current"
      >
        Turn off
      </button>
    </div>
  );
}
