import { listChats } from "@/db/queries/chats";
import { errorResponse } from "@/lib/http/error-response";
import { ownerIdFromRequest } from "@/lib/identity/owner";

/** GET /api/chats: the caller's chats, newest first. */
export async function GET(request: Request): Promise<Response> {
  try {
    const ownerId = ownerIdFromRequest(request);
    if (!ownerId) return Response.json({ chats: [] });
    return Response.json({ chats: await listChats({ ownerId }) });
  } catch (error) {
    return errorResponse(error, "GET /api/chats");
  }
}
