import { getDb } from "@/db/client";
import { loadRunsOverview } from "@/evals/view/runs-overview";
import { routeHandler } from "@/lib/http/route-handler";
import { requireAdmin } from "@/lib/identity/require-admin";

/** GET /api/admin/evals/runs: the 50 latest eval runs, each with its regressions against the baseline. Admins only (404 otherwise). */
export const GET = routeHandler<unknown>("GET /api/admin/evals/runs", async (request: Request): Promise<Response> => {
  await requireAdmin(request);
  return Response.json(await loadRunsOverview({ db: await getDb() }), { headers: { "cache-control": "no-store" } });
});
