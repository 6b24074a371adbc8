import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { Chat } from "@/components/chat/chat";
import { getChat, getMessages } from "@/db/queries/chats";
import { replyFeature } from "@/lib/features/reply";
import { getCurrentUser } from "@/lib/identity/page-user";

type ChatPageProps = { params: Promise<{ id: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The visitor's chat, or null (also for ids that cannot be chat ids). Cached per request. */
const loadChat = cache(async (id: string) => {
  if (!UUID.test(id)) return null;
  return getChat({ id, ownerId: (await getCurrentUser()).id });
});

export async function generateMetadata({ params }: ChatPageProps): Promise<Metadata> {
  const chat = await loadChat((await params).id);
  return { title: chat?.title || "Chat" };
}

export default async function ChatPage({ params }: ChatPageProps) {
  const { id } = await params;
  const chat = await loadChat(id);
  if (!chat) notFound();
  const messages = await getMessages({ chatId: chat.id });

  return (
    <Chat
      key={chat.id}
      id={chat.id}
      title={chat.title}
      initialMessages={messages}
      maxInputChars={replyFeature.maxInputChars}
    />
  );
}
