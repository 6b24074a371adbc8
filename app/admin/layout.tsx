import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { requireAdminPage } from "@/lib/identity/require-admin";

export const metadata: Metadata = { title: "Admin", robots: { index: false } };

/** The admin area: 404 for anyone but an admin (each page checks again for its own data). */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdminPage();
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6">
        <header className="mb-6 flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-lg font-semibold text-zinc-950 dark:text-white">Admin</h1>
          <AdminNav />
        </header>
        {children}
      </div>
    </div>
  );
}
