"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { ModelInfo } from "@/lib/chat/ui-message";
import { Button } from "@/components/ui/button";
import { BallastMark, MenuIcon, XIcon } from "@/components/ui/icons";
import { FaultSwitch, FaultsActiveBanner } from "@/components/dev/fault-switch";
import { useDevToolsEnabled } from "@/components/dev/fault-settings";
import { UserMenu } from "@/components/account/user-menu";
import { BudgetMeter } from "@/components/budget/budget-meter";
import { ModelBadge } from "./model-badge";
import { Sidebar } from "./sidebar";

const SIDEBAR_ID = "chat-sidebar";

/**
 * The page frame: header (brand, dev tools' fault switch, budget meter, model
 * badge, account menu), the sidebar (an off-canvas drawer on phone widths) and
 * the main region.
 */
export function AppShell({ modelInfo, children }: { modelInfo: ModelInfo; children: ReactNode }) {
  const devTools = useDevToolsEnabled();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);

  // Close the drawer whenever the route changes.
  const pathname = usePathname();
  const [drawerPath, setDrawerPath] = useState(pathname);
  if (drawerPath !== pathname) {
    setDrawerPath(pathname);
    setDrawerOpen(false);
  }

  useEffect(() => {
    if (!drawerOpen) return;
    // Move focus into the drawer once it is visible (next frame).
    const frame = requestAnimationFrame(() => {
      document.getElementById(SIDEBAR_ID)?.querySelector<HTMLElement>("a, button")?.focus();
    });
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setDrawerOpen(false);
      menuButton.current?.focus();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [drawerOpen]);

  return (
    <div className="flex h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 dark:bg-zinc-900"
      >
        Skip to content
      </a>

      <header className="relative z-50 flex h-14 shrink-0 items-center gap-2 border-b border-zinc-200 bg-white/90 px-3 backdrop-blur md:px-4 dark:border-zinc-800 dark:bg-zinc-950/90">
        <Button
          ref={menuButton}
          variant="ghost"
          size="icon"
          className="md:hidden"
          aria-label={drawerOpen ? "Close menu" : "Open menu"}
          aria-expanded={drawerOpen}
          aria-controls={SIDEBAR_ID}
          onClick={() => setDrawerOpen((open) => !open)}
        >
          {drawerOpen ? <XIcon /> : <MenuIcon />}
        </Button>
        <Link href="/" className="flex items-center gap-2 rounded-md font-semibold tracking-tight">
          <BallastMark className="size-7" />
          {/* The narrowest phones keep the mark only; the name stays for screen readers. */}
          <span className="text-[15px] text-zinc-950 max-[25rem]:sr-only dark:text-white">Ballast</span>
        </Link>
        <div className="ml-auto flex min-w-0 items-center gap-1.5 sm:gap-2">
          {devTools ? <FaultSwitch /> : null}
          <BudgetMeter />
          <ModelBadge info={modelInfo} />
          <span aria-hidden="true" className="mx-0.5 h-5 w-px shrink-0 bg-zinc-200 max-sm:hidden dark:bg-zinc-800" />
          <UserMenu />
        </div>
      </header>
      {devTools ? <FaultsActiveBanner /> : null}

      <div className="relative flex min-h-0 flex-1">
        <div
          aria-hidden="true"
          onClick={() => setDrawerOpen(false)}
          className={
            "fixed inset-0 z-30 bg-zinc-950/40 transition-opacity duration-200 md:hidden motion-reduce:transition-none " +
            (drawerOpen ? "opacity-100" : "pointer-events-none opacity-0")
          }
        />
        <Sidebar id={SIDEBAR_ID} open={drawerOpen} onNavigate={() => setDrawerOpen(false)} />
        <main id="main" tabIndex={-1} className="flex min-w-0 flex-1 flex-col outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
