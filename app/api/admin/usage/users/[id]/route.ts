import { getDb } from "@/db/client";
import { BallastError } from "@/lib/errors";
import { routeHandler } from "@/lib/http/route-handler";
import { requireAdmin } from "@/lib/identity/require-admin";
import { getUserUsage } from "@/lib/telemetry/metrics-dashboard";
import { parseQuery } from "../../parse-query";
import { userUsageQuerySchema } from "../../schema";

type Context = { params: Promise<{ id: string }> };

/**
 * GET /api/admin/usage/users/:id?range=…&source=…&before=<call id>: what the
 * user's page shows (who, budgets now, usage in the range, 50 recent calls
 * and the cursor to older ones). Admins only; an id with neither an account
 * nor calls is a 404 too.
 */
export const GET = routeHandler<Context>("GET /api/admin/usage/users/:id", async (request, { params }) => {
  await requireAdmin(request);
  const { id } = await params;
  const { before, ...query } = parseQuery(request, userUsageQuerySchema);
  const usage = await getUserUsage({ db: await getDb(), userId: id, params: query, before: before ?? null });
  if (!usage) throw new BallastError("not_found:api", { message: "No user or calls with this id." });
  return Response.json(usage, { headers: { "cache-control": "no-store" } });
});
