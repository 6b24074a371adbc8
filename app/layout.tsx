import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { CurrentUserProvider } from "@/components/account/current-user-provider";
import { BudgetProvider } from "@/components/budget/budget-provider";
import { DevToolsProvider } from "@/components/dev/fault-settings";
import { AppShell } from "@/components/shell/app-shell";
import { ChatHistoryProvider } from "@/components/shell/chat-history-provider";
import { listChats } from "@/db/queries/chats";
import { devToolsEnabled } from "@/lib/ai/fault-injection";
import { getModelInfo } from "@/lib/ai/registry";
import { getCurrentUser } from "@/lib/identity/page-user";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ballast", template: "%s · Ballast" },
  description: "Chat with structured, validated, budgeted LLM replies.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

// Reads the visitor's cookie, so every page is rendered per request.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  const chats = await listChats({ ownerId: user.id });
  const modelInfo = getModelInfo();

  return (
    <html lang="en">
      <body>
        <DevToolsProvider enabled={devToolsEnabled()}>
          <CurrentUserProvider user={user}>
            <BudgetProvider userId={user.id}>
              <ChatHistoryProvider initialChats={chats}>
                <AppShell modelInfo={modelInfo}>{children}</AppShell>
              </ChatHistoryProvider>
            </BudgetProvider>
          </CurrentUserProvider>
        </DevToolsProvider>
      </body>
    </html>
  );
}
