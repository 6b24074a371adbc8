import { sql } from "drizzle-orm";
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { ChatMessageMetadata, ChatUIMessage } from "@/lib/chat/ui-message";

export const chats = pgTable(
  "chats",
  {
    id: uuid("id").primaryKey(),
    /** The visitor (guest or signed-in user) who owns the chat. */
    ownerId: text("owner_id").notNull(),
    title: text("title").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("chats_owner_created_idx").on(table.ownerId, table.createdAt.desc())],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    chatId: uuid("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["user", "assistant"] }).notNull(),
    /** The UI message parts exactly as the client renders them (AI SDK UIMessage parts). */
    parts: jsonb("parts").$type<ChatUIMessage["parts"]>().notNull(),
    metadata: jsonb("metadata").$type<ChatMessageMetadata>(),
    /** Insertion order: two messages can share a timestamp, never a seq. */
    seq: bigint("seq", { mode: "number" }).generatedAlwaysAsIdentity(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("messages_chat_seq_idx").on(table.chatId, table.seq)],
);
