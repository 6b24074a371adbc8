import { getDb } from "@/db/client";
import { caseStatusesOf, getEvalRun } from "@/db/queries/evals";
import { baselineFromRun, canBeBaseline, NOT_A_BASELINE, serializeBaseline } from "@/evals/gate/baseline";
import { BallastError } from "@/lib/errors";
import { routeHandler } from "@/lib/http/route-handler";
import { requireAdmin } from "@/lib/identity/require-admin";

type Context = { params: Promise<{ runId: string }> };

/** GET /api/admin/evals/runs/:runId/baseline: evals/baseline.json for this run, as a download to commit (the CI gate's baseline). */
export const GET = routeHandler<Context>("GET /api/admin/evals/runs/:runId/baseline", async (request, { params }): Promise<Response> => {
  const admin = await requireAdmin(request);
  const db = await getDb();
  const run = await getEvalRun({ db, runId: (await params).runId });
  if (!run) throw new BallastError("not_found:api", { message: "No eval run with this id." });
  if (!canBeBaseline(run)) throw new BallastError("bad_request:api", { message: NOT_A_BASELINE });
  const baseline = baselineFromRun({
    runId: run.id,
    model: run.modelId,
    trialsPerCase: run.trialsPerCase,
    statuses: await caseStatusesOf({ db, runId: run.id }),
    approvedBy: run.approvedBy ?? admin.email ?? admin.id,
    approvedAt: run.approvedAt ?? new Date(),
  });
  return new Response(serializeBaseline(baseline), {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": 'attachment; filename="baseline.json"', "cache-control": "no-store" },
  });
});
