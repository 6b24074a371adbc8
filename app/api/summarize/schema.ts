import { z } from "zod";
import { faultRequestSchema } from "@/lib/ai/fault-request";

/** The body of POST /api/summarize. Length is checked against the feature's limit (413), not here. */
export const summarizeRequestSchema = z.object({
  text: z.string({ error: "text must be a string" }),
  /** Dev tools only (refused otherwise): inject faults into this request's model attempts. */
  faults: faultRequestSchema.optional(),
});

export type SummarizeRequest = z.infer<typeof summarizeRequestSchema>;
