import type { UserIdentity, UserKind } from "@/lib/telemetry/metrics-types";

const KIND_BADGES: Record<UserKind, { text: string; className: string } | null> = {
  user: null,
  admin: { text: "Admin", className: "bg-accent-50 text-accent-700 ring-accent-200 dark:bg-accent-950 dark:text-accent-200 dark:ring-accent-800" },
  guest: { text: "Guest", className: "bg-zinc-100 text-zinc-600 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700" },
  synthetic: { text: "Synthetic", className: "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800" },
  unknown: { text: "No account", className: "bg-zinc-100 text-zinc-600 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700" },
};

export function KindBadge({ kind }: { kind: UserKind }) {
  const badge = KIND_BADGES[kind];
  if (!badge) return null;
  return <span className={`inline-flex items-center rounded px-1.5 py-px text-[11px] font-medium ring-1 ring-inset ${badge.className}`}>{badge.text}</span>;
}

/** The second line under a user's name: their address, or a short id for guests and synthetic users. */
export function userSubtitle(user: UserIdentity): string {
  if (user.email) return user.email;
  return user.id.length > 14 ? `${user.id.slice(0, 12)}…` : user.id;
}
