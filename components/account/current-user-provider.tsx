"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { CurrentUser } from "@/lib/identity/current-user";

const CurrentUserContext = createContext<CurrentUser | null>(null);

/**
 * The visitor as the server rendered the layout (guest, user or admin). A
 * sign-in or sign-out refreshes the layout, which passes the new one down.
 */
export function CurrentUserProvider({ user, children }: { user: CurrentUser; children: ReactNode }) {
  return <CurrentUserContext.Provider value={user}>{children}</CurrentUserContext.Provider>;
}

export function useCurrentUser(): CurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser must be used inside <CurrentUserProvider>");
  return user;
}
