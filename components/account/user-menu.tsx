"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useRef, useState } from "react";
import { authClient } from "@/lib/auth/auth-client";
import type { CurrentUser } from "@/lib/identity/current-user";
import { Button, buttonClasses } from "@/components/ui/button";
import { LogInIcon, LogOutIcon, UserIcon, XIcon } from "@/components/ui/icons";
import { useCurrentUser } from "./current-user-provider";
import { withNext } from "./next-path";

const PANEL_ID = "user-menu-panel";

/**
 * Who is using Ballast, in the header. A guest sees "Guest" and a way to sign
 * up (which keeps their chats) or in; an account sees its name, email, tier and
 * "Sign out". On phones the trigger shrinks to the avatar.
 */
export function UserMenu() {
  const user = useCurrentUser();
  const guest = user.tier === "guest";
  return (
    <div data-testid="user-menu" data-tier={user.tier} className="flex min-w-0 shrink-0">
      <button
        type="button"
        data-testid="user-menu-button"
        popoverTarget={PANEL_ID}
        title={guest ? "Guest: sign up or sign in" : `Signed in as ${user.name}`}
        className="inline-flex h-8 min-w-0 items-center gap-2 rounded-full p-0.5 text-sm font-medium text-zinc-800 transition-colors hover:bg-zinc-100 sm:pr-3 dark:text-zinc-100 dark:hover:bg-zinc-800"
      >
        <Avatar user={user} />
        <span className="max-w-40 truncate max-sm:sr-only">
          <span className="sr-only">Account: </span>
          {user.name}
        </span>
        {user.tier === "admin" ? <TierBadge className="max-sm:hidden" /> : null}
      </button>
      <UserPanel user={user} />
    </div>
  );
}

function Avatar({ user, size = "sm" }: { user: CurrentUser; size?: "sm" | "lg" }) {
  const dimensions = size === "lg" ? "size-9 text-sm" : "size-7 text-xs";
  if (user.tier === "guest") {
    return (
      <span
        aria-hidden="true"
        className={`flex shrink-0 items-center justify-center rounded-full border border-dashed border-zinc-300 bg-zinc-50 text-zinc-500 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-400 ${dimensions}`}
      >
        <UserIcon className={size === "lg" ? "size-[18px]" : "size-4"} />
      </span>
    );
  }
  const initial = (user.name.trim() || user.email || "?").charAt(0).toUpperCase();
  return (
    <span
      aria-hidden="true"
      className={`flex shrink-0 items-center justify-center rounded-full bg-accent-600 font-semibold text-white dark:bg-accent-500 ${dimensions}`}
    >
      {initial}
    </span>
  );
}

function TierBadge({ className = "" }: { className?: string }) {
  return (
    <span
      data-testid="tier-badge"
      className={`rounded-full bg-accent-50 px-1.5 py-px text-[11px] font-semibold text-accent-800 ring-1 ring-accent-200 ring-inset dark:bg-accent-950 dark:text-accent-200 dark:ring-accent-800 ${className}`}
    >
      Admin
    </span>
  );
}

function UserPanel({ user }: { user: CurrentUser }) {
  const pathname = usePathname();
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const close = () => panel.current?.hidePopover();

  const signOut = async () => {
    setSigningOut(true);
    setSignOutError(null);
    try {
      const { error } = await authClient.signOut();
      if (error) throw new Error(error.message || "The server did not sign you out.");
      // A full load on purpose: the proxy starts a fresh guest session and every piece of client state starts over.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign("/");
    } catch (error) {
      setSigningOut(false);
      setSignOutError(error instanceof Error ? error.message : "Could not sign out. Try again.");
    }
  };

  return (
    <div
      ref={panel}
      id={PANEL_ID}
      popover="auto"
      role="dialog"
      aria-labelledby={titleId}
      className={
        "fixed inset-auto top-15 right-3 m-0 w-76 max-w-[calc(100vw-1.5rem)] rounded-xl border p-0 text-sm shadow-xl " +
        "border-zinc-200 bg-white text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
      }
    >
      <div className="flex items-start gap-3 px-4 pt-3.5 pb-3">
        <Avatar user={user} size="lg" />
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="flex items-center gap-2 font-semibold text-zinc-950 dark:text-white">
            <span className="truncate">{user.name}</span>
            {user.tier === "admin" ? <TierBadge /> : null}
          </h2>
          <p className="text-xs leading-5 break-all text-zinc-500 dark:text-zinc-400">
            {user.tier === "guest" ? "Not signed in" : user.email}
          </p>
        </div>
        <Button
          variant="ghost"
          size="icon-sm"
          aria-label="Close account menu"
          popoverTarget={PANEL_ID}
          popoverTargetAction="hide"
          className="-mt-1 -mr-1.5"
        >
          <XIcon />
        </Button>
      </div>

      <div className="border-t border-zinc-100 px-4 pt-3 pb-3.5 dark:border-zinc-800">
        {user.tier === "guest" ? (
          <>
            <p className="text-[13px] leading-5 text-zinc-600 dark:text-zinc-400">
              Your chats live in this browser&apos;s guest session. Create an account to keep them and get a larger
              budget.
            </p>
            <Link
              href={withNext("/sign-up", pathname)}
              onClick={close}
              data-testid="sign-up-link"
              className={buttonClasses({ variant: "primary", className: "mt-3 w-full" })}
            >
              Sign up
              <span className="font-normal opacity-85">· keeps your chats</span>
            </Link>
            <Link
              href={withNext("/sign-in", pathname)}
              onClick={close}
              className={buttonClasses({ variant: "secondary", className: "mt-2 w-full" })}
            >
              <LogInIcon />
              Sign in
            </Link>
          </>
        ) : (
          <>
            <p className="text-[13px] leading-5 text-zinc-600 dark:text-zinc-400">
              {user.tier === "admin"
                ? "Signed in as an admin. Your chats belong to this account."
                : "Signed in. Your chats and budget belong to this account."}
            </p>
            <Button
              data-testid="sign-out-button"
              variant="secondary"
              className="mt-3 w-full"
              disabled={signingOut}
              onClick={() => void signOut()}
            >
              <LogOutIcon />
              {signingOut ? "Signing out…" : "Sign out"}
            </Button>
            {signOutError ? (
              <p role="alert" className="mt-2 text-xs text-rose-700 dark:text-rose-400">
                {signOutError}
              </p>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}
