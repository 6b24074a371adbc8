import { listChats } from "@/db/queries/chats";
import { errorResponse } from "@/lib/http/error-response";
import { requireUser } from "@/lib/identity/current-user";

/** GET /api/chats: the caller's chats, newest first. */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = await requireUser(request);
    return Response.json({ chats: await listChats({ ownerId: user.id }) });
  } catch (error) {
    return errorResponse(error, "GET /api/chats");
  }
}
