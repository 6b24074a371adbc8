import { z } from "zod";

/**
 * A second schema for the structured-output tests, with what the chat reply
 * lacks: a nested object, an enum, a boolean, an optional integer and a nullable
 * field. Lives beside the tests (not under features/) because no feature uses it.
 */
export const ticketSchema = z.object({
  title: z.string().min(1).max(80),
  priority: z.enum(["low", "medium", "high"]),
  urgent: z.boolean(),
  assignee: z.object({
    name: z.string().min(1),
    team: z.string().optional(),
  }),
  labels: z.array(z.string()).max(3),
  estimateHours: z.number().int().positive().optional(),
  dueDate: z.string().nullable(),
});

export type Ticket = z.infer<typeof ticketSchema>;
