import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { UserUsageView } from "@/components/admin/usage/user-usage-view";
import { getDb } from "@/db/client";
import { requireAdminPage } from "@/lib/identity/require-admin";
import { getUserUsage } from "@/lib/telemetry/metrics-dashboard";
import { parseUsageParams } from "@/lib/telemetry/metrics-range";
import { parseCallCursor } from "@/lib/telemetry/metrics-users";

export const metadata: Metadata = { title: "User usage" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** /admin/users/:id: one user's budgets, usage and recent calls; 404 for anyone but an admin, or an id never seen. */
export default async function UserUsagePage({ params, searchParams }: Props) {
  await requireAdminPage();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const before = parseCallCursor(Array.isArray(query.before) ? query.before[0] : query.before);
  const usage = await getUserUsage({ db: await getDb(), userId: id, params: parseUsageParams(query), before });
  if (!usage) notFound();
  return <UserUsageView usage={usage} before={before} />;
}
