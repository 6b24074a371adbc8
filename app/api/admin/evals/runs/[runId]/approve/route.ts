import { getDb } from "@/db/client";
import { approveEvalRun, getEvalRun } from "@/db/queries/evals";
import { canBeBaseline, NOT_A_BASELINE } from "@/evals/gate/baseline";
import { BallastError } from "@/lib/errors";
import { routeHandler } from "@/lib/http/route-handler";
import { requireAdmin } from "@/lib/identity/require-admin";

type Context = { params: Promise<{ runId: string }> };

/**
 * POST /api/admin/evals/runs/:runId/approve: makes the run the baseline the
 * admin pages count regressions against. The CI gate reads the committed
 * evals/baseline.json instead (a clean clone has no database): GET …/baseline
 * gives that file for this run, to commit.
 */
export const POST = routeHandler<Context>("POST /api/admin/evals/runs/:runId/approve", async (request, { params }): Promise<Response> => {
  const admin = await requireAdmin(request);
  const db = await getDb();
  const runId = (await params).runId;
  const existing = await getEvalRun({ db, runId });
  if (!existing) throw new BallastError("not_found:api", { message: "No eval run with this id." });
  if (!canBeBaseline(existing)) throw new BallastError("bad_request:api", { message: NOT_A_BASELINE });
  const run = await approveEvalRun({ db, runId, approvedBy: admin.email ?? admin.id });
  if (!run) throw new BallastError("not_found:api", { message: "No eval run with this id." });
  return Response.json({ run: { id: run.id, approvedAt: run.approvedAt, approvedBy: run.approvedBy } });
});
