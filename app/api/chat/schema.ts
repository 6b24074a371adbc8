import { z } from "zod";
import { faultRequestSchema } from "@/lib/ai/fault-request";

/**
 * The body of POST /api/chat: the chat's id (picked by the client for a new
 * chat) and only the newest user message. History is read from the database,
 * never trusted from the client. Text length is checked separately, so an
 * oversized message gets 413 with its size rather than a generic 400.
 */
export const chatRequestSchema = z.object({
  chatId: z.uuid({ error: "chatId must be a UUID" }),
  message: z.object({
    id: z.string().min(1).max(200),
    role: z.literal("user", { error: 'message.role must be "user"' }),
    parts: z
      .array(z.object({ type: z.literal("text", { error: 'only "text" parts are accepted' }), text: z.string() }))
      .min(1, { error: "message.parts must hold one text part" })
      .max(1, { error: "message.parts must hold one text part" }),
  }),
  /** Dev tools only (refused otherwise): inject faults into this request's model attempts. */
  faults: faultRequestSchema.optional(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
