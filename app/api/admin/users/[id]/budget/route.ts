import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { clearUserOverride, getUserOverride, setUserOverride } from "@/lib/budget/overrides";
import { BallastError } from "@/lib/errors";
import { routeHandler } from "@/lib/http/route-handler";
import { readJsonBody } from "@/lib/http/read-json-body";
import { requireUser } from "@/lib/identity/current-user";
import { budgetOverrideSchema } from "./schema";

type Context = { params: Promise<{ id: string }> };

/** Admins only; anyone else learns nothing, not even that the route exists. */
async function requireAdminAndUser(request: Request, { params }: Context): Promise<{ adminId: string; userId: string }> {
  const caller = await requireUser(request);
  if (caller.tier !== "admin") throw new BallastError("not_found:api");
  const { id } = await params;
  const [user] = await (await getDb()).select({ id: users.id }).from(users).where(eq(users.id, id)).limit(1);
  if (!user) throw new BallastError("not_found:api", { message: "No user with this id." });
  return { adminId: caller.id, userId: user.id };
}

/** GET /api/admin/users/:id/budget: the user's override, or null when their tier's limits apply. */
export const GET = routeHandler("GET /api/admin/users/:id/budget", async (request: Request, context: Context): Promise<Response> => {
  const { userId } = await requireAdminAndUser(request, context);
  return Response.json({ override: await getUserOverride({ db: await getDb(), userId }) });
});

/** PUT: replaces the user's limits (tokens, micro-dollars) for the scopes given; takes effect at their next request. */
export const PUT = routeHandler("PUT /api/admin/users/:id/budget", async (request: Request, context: Context): Promise<Response> => {
  const { adminId, userId } = await requireAdminAndUser(request, context);
  const overrides = await readJsonBody(request, budgetOverrideSchema, { maxBytes: 4096 });
  return Response.json({ override: await setUserOverride({ db: await getDb(), userId, overrides, setBy: adminId }) });
});

/** DELETE: the user's tier limits apply again. */
export const DELETE = routeHandler("DELETE /api/admin/users/:id/budget", async (request: Request, context: Context): Promise<Response> => {
  const { userId } = await requireAdminAndUser(request, context);
  return Response.json({ cleared: await clearUserOverride({ db: await getDb(), userId }) });
});
