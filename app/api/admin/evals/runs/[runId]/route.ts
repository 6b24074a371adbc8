import { getDb } from "@/db/client";
import { loadRunDetail } from "@/evals/view/run-detail";
import { BallastError } from "@/lib/errors";
import { routeHandler } from "@/lib/http/route-handler";
import { requireAdmin } from "@/lib/identity/require-admin";

type Context = { params: Promise<{ runId: string }> };

/** GET /api/admin/evals/runs/:runId: the run, its cases, failures grouped by criterion and regressions. Admins only. */
export const GET = routeHandler<Context>("GET /api/admin/evals/runs/:runId", async (request, { params }): Promise<Response> => {
  await requireAdmin(request);
  const detail = await loadRunDetail({ db: await getDb(), runId: (await params).runId });
  if (!detail) throw new BallastError("not_found:api", { message: "No eval run with this id." });
  return Response.json(detail, { headers: { "cache-control": "no-store" } });
});
