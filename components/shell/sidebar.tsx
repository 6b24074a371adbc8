"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ComponentType, ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";
import { useCurrentUser } from "@/components/account/current-user-provider";
import { DocumentTextIcon, GaugeIcon, PlusIcon } from "@/components/ui/icons";
import { useChatHistory } from "./chat-history-provider";
import { formatFullDate, formatRelativeDate } from "./relative-date";
import { useNow } from "./use-now";

/** A link to one of the app's sections (Summarize, Admin), marked when it is the current page. */
function SectionLink({
  href,
  current,
  onNavigate,
  icon: Icon,
  children,
}: {
  href: string;
  current: boolean;
  onNavigate: () => void;
  icon: ComponentType<{ className?: string }>;
  children: ReactNode;
}) {
  return (
    <Link
      href={href}
      onClick={onNavigate}
      aria-current={current ? "page" : undefined}
      className={
        "mt-1 flex h-9 items-center gap-2 rounded-lg px-3 text-sm transition-colors " +
        (current
          ? "bg-white font-medium text-zinc-950 shadow-xs ring-1 ring-zinc-200 dark:bg-zinc-800 dark:text-white dark:ring-zinc-700"
          : "text-zinc-700 hover:bg-zinc-200/60 hover:text-zinc-950 dark:text-zinc-300 dark:hover:bg-zinc-800/60 dark:hover:text-white")
      }
    >
      <Icon className="size-4 text-zinc-500 dark:text-zinc-400" />
      {children}
    </Link>
  );
}

type SidebarProps = {
  id: string;
  /** Drawer state on phone widths; from md up the sidebar is always shown. */
  open: boolean;
  onNavigate: () => void;
};

export function Sidebar({ id, open, onNavigate }: SidebarProps) {
  const { chats } = useChatHistory();
  const pathname = usePathname();
  const now = useNow();
  const user = useCurrentUser();

  return (
    <nav
      id={id}
      aria-label="Main"
      className={
        "flex w-72 shrink-0 flex-col border-r border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900 " +
        // Phone widths: an off-canvas drawer under the header.
        "max-md:fixed max-md:top-14 max-md:bottom-0 max-md:left-0 max-md:z-40 max-md:w-[min(18rem,85vw)] max-md:shadow-xl " +
        "max-md:duration-200 motion-reduce:transition-none " +
        // Visibility flips at once when opening (so focus can move in) and only after the slide when closing.
        (open
          ? "max-md:translate-x-0 max-md:transition-[translate]"
          : "max-md:invisible max-md:-translate-x-full max-md:transition-[translate,visibility]")
      }
    >
      <div className="p-3">
        <Link
          href="/"
          onClick={onNavigate}
          className={buttonClasses({ variant: "secondary", className: "w-full justify-start" })}
        >
          <PlusIcon />
          New chat
        </Link>
        <SectionLink href="/summarize" current={pathname === "/summarize"} onNavigate={onNavigate} icon={DocumentTextIcon}>
          Summarize
        </SectionLink>
        {user.tier === "admin" && (
          <SectionLink href="/admin" current={pathname.startsWith("/admin")} onNavigate={onNavigate} icon={GaugeIcon}>
            Admin
          </SectionLink>
        )}
      </div>

      <h2 className="px-5 pt-2 pb-1.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        Recent
      </h2>
      <ul data-testid="chat-history" className="min-h-0 flex-1 space-y-0.5 overflow-y-auto px-3 pb-4">
        {chats.length === 0 ? (
          <li className="px-2 py-2 text-sm text-zinc-500 dark:text-zinc-400">
            No chats yet. Your conversations will appear here.
          </li>
        ) : (
          chats.map((chat) => {
            const current = pathname === `/chat/${chat.id}`;
            return (
              <li key={chat.id}>
                <Link
                  href={`/chat/${chat.id}`}
                  onClick={onNavigate}
                  aria-current={current ? "page" : undefined}
                  className={
                    "group block rounded-lg px-2.5 py-2 transition-colors " +
                    (current
                      ? "bg-white shadow-xs ring-1 ring-zinc-200 dark:bg-zinc-800 dark:ring-zinc-700"
                      : "hover:bg-zinc-200/60 dark:hover:bg-zinc-800/60")
                  }
                >
                  <span
                    className={
                      "block truncate text-sm " +
                      (current
                        ? "font-medium text-zinc-950 dark:text-white"
                        : "text-zinc-700 group-hover:text-zinc-950 dark:text-zinc-300 dark:group-hover:text-white")
                    }
                  >
                    {chat.title || "Untitled chat"}
                  </span>
                  <time
                    dateTime={chat.createdAt}
                    title={now === null ? undefined : formatFullDate(chat.createdAt)}
                    className="block min-h-4 text-xs leading-4 text-zinc-500 dark:text-zinc-400"
                  >
                    {now === null ? "" : formatRelativeDate(chat.createdAt, now)}
                  </time>
                </Link>
              </li>
            );
          })
        )}
      </ul>
    </nav>
  );
}
