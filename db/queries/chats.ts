import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import type { ChatMessageMetadata, ChatSummary, ChatUIMessage } from "@/lib/chat/ui-message";
import { getDb } from "../client";
import { chats, messages } from "../schema";

type ChatRow = typeof chats.$inferSelect;

function toSummary(row: ChatRow): ChatSummary {
  return { id: row.id, title: row.title, createdAt: row.createdAt.toISOString() };
}

/** The owner's chats, newest first. */
export async function listChats({ ownerId, limit = 100 }: { ownerId: string; limit?: number }): Promise<ChatSummary[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(chats)
    .where(eq(chats.ownerId, ownerId))
    .orderBy(desc(chats.createdAt))
    .limit(limit);
  return rows.map(toSummary);
}

/** A chat if it exists and belongs to the owner; null otherwise (callers answer 404 either way). */
export async function getChat({ id, ownerId }: { id: string; ownerId: string }): Promise<ChatSummary | null> {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(chats)
    .where(and(eq(chats.id, id), eq(chats.ownerId, ownerId)))
    .limit(1);
  return row ? toSummary(row) : null;
}

export type EnsureChatResult = { status: "created" | "existing"; chat: ChatSummary } | { status: "forbidden" };

/**
 * Returns the owner's chat with this id, creating it when it does not exist yet
 * (the client picks the id of a new chat). An id taken by someone else is
 * reported, never reused.
 */
export async function ensureChat({ id, ownerId, title }: { id: string; ownerId: string; title: string }): Promise<EnsureChatResult> {
  const db = await getDb();
  const [created] = await db.insert(chats).values({ id, ownerId, title }).onConflictDoNothing().returning();
  if (created) return { status: "created", chat: toSummary(created) };
  const [existing] = await db.select().from(chats).where(eq(chats.id, id)).limit(1);
  if (!existing || existing.ownerId !== ownerId) return { status: "forbidden" };
  return { status: "existing", chat: toSummary(existing) };
}

/** A chat's messages, oldest first, as the UI renders them. */
export async function getMessages({ chatId }: { chatId: string }): Promise<ChatUIMessage[]> {
  const db = await getDb();
  const rows = await db.select().from(messages).where(eq(messages.chatId, chatId)).orderBy(asc(messages.seq));
  return rows.map((row) => ({
    id: row.id,
    role: row.role,
    parts: row.parts,
    metadata: { ...row.metadata, createdAt: row.createdAt.toISOString() },
  }));
}

export async function saveMessage({
  id,
  chatId,
  role,
  parts,
  metadata,
}: {
  /** Defaults to a new uuid; the assistant's id is chosen before streaming so client and database agree. */
  id?: string;
  chatId: string;
  role: "user" | "assistant";
  parts: ChatUIMessage["parts"];
  metadata?: ChatMessageMetadata;
}): Promise<{ id: string }> {
  const db = await getDb();
  const [row] = await db.insert(messages).values({ id, chatId, role, parts, metadata }).returning({ id: messages.id });
  if (!row) throw new Error("insert into messages returned no row");
  return row;
}
