"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useRef } from "react";
import type { BudgetMeter as BudgetMeterData, BudgetMeterScope } from "@/lib/budget/meter";
import { useCurrentUser } from "@/components/account/current-user-provider";
import { withNext } from "@/components/account/next-path";
import { useNow } from "@/components/shell/use-now";
import { Button, buttonClasses } from "@/components/ui/button";
import { ChatBubbleIcon, ClockIcon, GaugeIcon, InfinityIcon, XIcon } from "@/components/ui/icons";
import { useBudget } from "./budget-provider";
import {
  budgetName,
  formatTokens,
  LEVEL_STYLES,
  levelOf,
  percentLabel,
  percentLeft,
  renewalText,
  renewalTitle,
} from "./format";

export const BUDGET_PANEL_ID = "budget-details";

/** The chip shows the focus ring of the invisible button laid over it. */
const focusRing = "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-accent-500";

const chip =
  "relative inline-flex h-7 shrink-0 items-center gap-2 rounded-full border px-2.5 text-xs font-medium whitespace-nowrap transition-colors";

/**
 * The header's budget meter: the budget closest to running out (usually
 * "Today") as a label, a bar and a percentage; phones keep a short bar and the
 * percentage. The whole chip opens a panel with every budget, what is used and
 * when each renews.
 */
export function BudgetMeter() {
  const { meter, status } = useBudget();

  if (!meter) {
    if (status === "error") return null;
    return (
      <span
        data-testid="budget-meter"
        data-state="loading"
        aria-hidden="true"
        className={`${chip} border-zinc-200 bg-white dark:border-zinc-700 dark:bg-zinc-900`}
      >
        <span className="h-1.5 w-14 rounded-full bg-zinc-200 motion-safe:animate-pulse sm:w-33 dark:bg-zinc-700" />
      </span>
    );
  }

  const binding = meter.binding;
  return (
    <>
      {binding && binding.remainingFraction !== null ? (
        <LimitedChip scope={binding} fraction={binding.remainingFraction} stale={status === "error"} />
      ) : (
        <UnlimitedChip />
      )}
      <BudgetPanel meter={meter} />
    </>
  );
}

function LimitedChip({ scope, fraction, stale }: { scope: BudgetMeterScope; fraction: number; stale: boolean }) {
  const percent = percentLeft(fraction);
  const label = percentLabel(fraction);
  const level = levelOf(fraction);
  const style = LEVEL_STYLES[level];
  const name = budgetName(scope.scope);
  const tokensLeft =
    scope.remainingTokens !== null && scope.limitTokens !== null
      ? `${formatTokens(scope.remainingTokens)} of ${formatTokens(scope.limitTokens)} tokens left`
      : undefined;

  return (
    <span
      data-testid="budget-meter"
      data-state={stale ? "stale" : "ready"}
      data-remaining={String(fraction)}
      data-level={level}
      data-scope={scope.scope}
      className={
        `${chip} ${focusRing} ` +
        (level === "critical"
          ? "border-rose-300 bg-rose-50 hover:bg-rose-100 dark:border-rose-800 dark:bg-rose-950/60 dark:hover:bg-rose-900/60"
          : level === "low"
            ? "border-amber-300 bg-amber-50 hover:bg-amber-100 dark:border-amber-700/70 dark:bg-amber-950/60 dark:hover:bg-amber-900/60"
            : "border-zinc-200 bg-white hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800")
      }
    >
      <span
        role="meter"
        aria-label={`${name}: ${label} left`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={tokensLeft ? `${label} left, ${tokensLeft}` : `${label} left`}
        className="flex items-center gap-2"
      >
        <span className="text-zinc-500 max-sm:hidden dark:text-zinc-400">{scope.label}</span>
        <span className="h-1.5 w-6 overflow-hidden rounded-full bg-zinc-200 sm:w-14 dark:bg-zinc-700">
          <span
            className={`block h-full rounded-full transition-[width] duration-500 motion-reduce:transition-none ${style.bar}`}
            style={{ width: `${Math.max(fraction > 0 ? 4 : 0, percent)}%` }}
          />
        </span>
        <span className={`min-w-[3ch] text-right font-semibold tabular-nums ${style.text}`}>{label}</span>
      </span>
      {/* The whole chip is the panel's button; the meter stays outside it, so assistive tech reads both. */}
      <button
        type="button"
        popoverTarget={BUDGET_PANEL_ID}
        aria-label="Budget details"
        title={`${name}: ${label} left. Show details`}
        className="absolute inset-0 rounded-full focus-visible:outline-none"
      />
    </span>
  );
}

function UnlimitedChip() {
  return (
    <span
      data-testid="budget-meter"
      data-state="ready"
      data-unlimited="true"
      className={`${chip} ${focusRing} border-zinc-200 bg-white text-zinc-700 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800`}
    >
      <InfinityIcon className="size-4 text-accent-600 dark:text-accent-400" />
      <span className="max-sm:sr-only">Unlimited</span>
      <button
        type="button"
        popoverTarget={BUDGET_PANEL_ID}
        aria-label="Budget: unlimited. Show details"
        className="absolute inset-0 rounded-full focus-visible:outline-none"
      />
    </span>
  );
}

const TIER_NOTES: Record<BudgetMeterData["tier"], string> = {
  guest: "Guest budget",
  user: "Your account's budget",
  admin: "Admin budget",
};

/** Every budget with its figures (a native popover: Escape and a click outside close it). */
function BudgetPanel({ meter }: { meter: BudgetMeterData }) {
  const user = useCurrentUser();
  const pathname = usePathname();
  const now = useNow();
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const close = () => panel.current?.hidePopover();

  return (
    <div
      ref={panel}
      id={BUDGET_PANEL_ID}
      popover="auto"
      role="dialog"
      aria-labelledby={titleId}
      data-testid="budget-details"
      className={
        "fixed inset-auto top-15 right-3 m-0 max-h-[calc(100dvh-4.5rem)] w-80 max-w-[calc(100vw-1.5rem)] overflow-y-auto overscroll-contain rounded-xl border p-0 text-sm shadow-xl " +
        "border-zinc-200 bg-white text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
      }
    >
      <div className="flex items-start gap-3 border-b border-zinc-100 px-4 pt-3.5 pb-3 dark:border-zinc-800">
        <span className="mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-lg bg-accent-50 text-accent-700 dark:bg-accent-950 dark:text-accent-300">
          <GaugeIcon className="size-4" />
        </span>
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="font-semibold text-zinc-950 dark:text-white">
            Token budget
          </h2>
          <p className="mt-0.5 text-xs leading-5 text-zinc-500 dark:text-zinc-400">{TIER_NOTES[meter.tier]}</p>
        </div>
        <Button
          variant="ghost"
          size="icon-sm"
          aria-label="Close budget details"
          popoverTarget={BUDGET_PANEL_ID}
          popoverTargetAction="hide"
          className="-mt-1 -mr-1.5"
        >
          <XIcon />
        </Button>
      </div>

      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {meter.scopes.map((scope) => (
          <ScopeRow key={scope.scope} scope={scope} now={now} />
        ))}
      </ul>

      <div className="space-y-3 border-t border-zinc-100 px-4 pt-3 pb-3.5 dark:border-zinc-800">
        <p className="text-xs leading-5 text-zinc-500 dark:text-zinc-400">
          A reply first reserves room for its longest possible answer; whatever it does not use comes back when it
          finishes.
        </p>
        {user.tier === "guest" ? (
          <Link
            href={withNext("/sign-up", pathname)}
            onClick={close}
            className={buttonClasses({ variant: "primary", size: "sm", className: "w-full" })}
          >
            Sign up for a larger budget
          </Link>
        ) : null}
      </div>
    </div>
  );
}

function ScopeRow({ scope, now }: { scope: BudgetMeterScope; now: number | null }) {
  const fraction = scope.remainingFraction;
  const style = fraction === null ? null : LEVEL_STYLES[levelOf(fraction)];
  return (
    <li className="px-4 py-3" data-testid="budget-scope" data-scope={scope.scope}>
      <div className="flex items-baseline justify-between gap-3">
        <p className="font-medium text-zinc-900 dark:text-zinc-100">{scope.label}</p>
        {fraction === null ? (
          <span className="text-xs font-medium text-zinc-600 dark:text-zinc-300">Unlimited</span>
        ) : (
          <span className={`text-xs font-semibold tabular-nums ${style?.text}`}>{percentLabel(fraction)} left</span>
        )}
      </div>
      {fraction !== null ? (
        <div aria-hidden="true" className="mt-2 h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700">
          <div
            className={`h-full rounded-full ${style?.bar}`}
            style={{ width: `${Math.max(fraction > 0 ? 2 : 0, percentLeft(fraction))}%` }}
          />
        </div>
      ) : null}
      <p className="mt-1.5 text-xs leading-5 text-zinc-500 tabular-nums dark:text-zinc-400">
        {scope.limitTokens === null
          ? `${formatTokens(scope.usedTokens)} tokens used`
          : `${formatTokens(scope.usedTokens)} of ${formatTokens(scope.limitTokens)} tokens used`}
      </p>
      <p className="flex items-center gap-1.5 text-xs leading-5 text-zinc-500 dark:text-zinc-400" title={renewalTitle(scope)}>
        {scope.renewsAt === null ? <ChatBubbleIcon className="size-3 shrink-0" /> : <ClockIcon className="size-3 shrink-0" />}
        <span>{capitalize(renewalText(scope, now))}</span>
      </p>
    </li>
  );
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
