import { getAuth } from "@/lib/auth/auth";

/** better-auth's endpoints (sign-up, sign-in, sign-out, session): /api/auth/*. */
async function handle(request: Request): Promise<Response> {
  return (await getAuth()).handler(request);
}

export { handle as GET, handle as POST };
