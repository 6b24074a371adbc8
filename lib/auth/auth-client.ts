import { adminClient, anonymousClient } from "better-auth/client/plugins";
import { createAuthClient } from "better-auth/react";

/**
 * better-auth in the browser: sign-up, sign-in and sign-out against /api/auth/*
 * on this origin (no baseURL: same site). The server decides who the visitor is
 * (lib/identity/current-user.ts); pages refresh after each change.
 */
export const authClient = createAuthClient({
  plugins: [anonymousClient(), adminClient()],
});
