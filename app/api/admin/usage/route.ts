import { getDb } from "@/db/client";
import { routeHandler } from "@/lib/http/route-handler";
import { requireAdmin } from "@/lib/identity/require-admin";
import { getUsageDashboard } from "@/lib/telemetry/metrics-dashboard";
import { parseQuery } from "./parse-query";
import { usageQuerySchema } from "./schema";

/**
 * GET /api/admin/usage?range=24h|7d|30d&source=app|eval|seed&sort=tokens|cost:
 * exactly what the /admin page shows, as JSON. Admins only (404 for anyone else).
 */
export const GET = routeHandler<unknown>("GET /api/admin/usage", async (request: Request): Promise<Response> => {
  await requireAdmin(request);
  const params = parseQuery(request, usageQuerySchema);
  const dashboard = await getUsageDashboard({ db: await getDb(), params });
  return Response.json(dashboard, { headers: { "cache-control": "no-store" } });
});
