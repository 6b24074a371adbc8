import { listChats } from "@/db/queries/chats";
import { routeHandler } from "@/lib/http/route-handler";
import { requireUser } from "@/lib/identity/current-user";

/** GET /api/chats: the caller's chats, newest first. */
export const GET = routeHandler("GET /api/chats", async (request: Request): Promise<Response> => {
  const user = await requireUser(request);
  return Response.json({ chats: await listChats({ ownerId: user.id }) });
});
