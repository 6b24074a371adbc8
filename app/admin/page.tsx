import type { Metadata } from "next";
import { UsageDashboardView } from "@/components/admin/usage/usage-dashboard-view";
import { getDb } from "@/db/client";
import { requireAdminPage } from "@/lib/identity/require-admin";
import { getUsageDashboard } from "@/lib/telemetry/metrics-dashboard";
import { parseUsageParams } from "@/lib/telemetry/metrics-range";

export const metadata: Metadata = { title: "Usage" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * /admin: tokens, cost, calls, outcomes, latency and top users for a range
 * and a source, all read from the hourly rollups (a million logged calls
 * cost the same few grouped reads as a hundred).
 */
export default async function UsagePage({ searchParams }: Props) {
  // The layout checks too, but a page must not rely on it for its own data.
  await requireAdminPage();
  const params = parseUsageParams(await searchParams);
  const dashboard = await getUsageDashboard({ db: await getDb(), params });
  return <UsageDashboardView dashboard={dashboard} />;
}
