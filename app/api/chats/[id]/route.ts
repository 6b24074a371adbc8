import { z } from "zod";
import { getChat, getMessages } from "@/db/queries/chats";
import { BallastError } from "@/lib/errors";
import { routeHandler } from "@/lib/http/route-handler";
import { requireUser } from "@/lib/identity/current-user";

/** GET /api/chats/:id: one of the caller's chats with its messages; 404 for anyone else's. */
export const GET = routeHandler("GET /api/chats/:id", async (request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
  const { id } = await params;
  const user = await requireUser(request);
  // Malformed ids and other owners' chats get the same 404: existence is not disclosed.
  if (!z.uuid().safeParse(id).success) throw new BallastError("not_found:chat");
  const chat = await getChat({ id, ownerId: user.id });
  if (!chat) throw new BallastError("not_found:chat");
  return Response.json({ chat, messages: await getMessages({ chatId: id }) });
});
