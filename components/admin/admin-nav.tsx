"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/admin", label: "Usage", matches: (path: string) => path === "/admin" || path.startsWith("/admin/users") },
  { href: "/admin/evals", label: "Evals", matches: (path: string) => path.startsWith("/admin/evals") },
];

/** The admin area's tabs: usage (calls, cost, latency, failures) and eval runs. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="flex gap-1">
      {TABS.map((tab) => {
        const current = tab.matches(pathname);
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={current ? "page" : undefined}
            className={
              "rounded-md px-3 py-1.5 text-sm font-medium transition-colors " +
              (current
                ? "bg-zinc-900 text-white dark:bg-white dark:text-zinc-900"
                : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-white")
            }
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
