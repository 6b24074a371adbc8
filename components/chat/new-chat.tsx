"use client";

import { usePathname } from "next/navigation";
import { useState } from "react";
import { Chat } from "./chat";

/**
 * A UUID v4. `crypto.randomUUID` exists only in secure contexts (HTTPS or
 * localhost), so a dev server opened over the LAN falls back to getRandomValues.
 */
function newChatId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A new, empty chat under a fresh client-generated id; nothing is stored until
 * the first message is sent (POST /api/chat creates the chat under this id).
 *
 * Once that happens the chat moves its URL to /chat/<id> in place, while the
 * router still shows this page. "New chat" then navigates back to "/" without
 * remounting it, so a return to "/" from anywhere else starts a fresh chat here.
 */
export function NewChat({ maxInputChars }: { maxInputChars: number }) {
  const pathname = usePathname();
  const [session, setSession] = useState(() => ({ id: newChatId(), pathname }));
  if (session.pathname !== pathname) {
    setSession({ id: pathname === "/" ? newChatId() : session.id, pathname });
  }
  return <Chat key={session.id} id={session.id} initialMessages={[]} maxInputChars={maxInputChars} />;
}
