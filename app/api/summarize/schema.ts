import { z } from "zod";
import { FAULT_MODES } from "@/lib/ai/faults";

/** The body of POST /api/summarize. Length is checked against the feature's limit (413), not here. */
export const summarizeRequestSchema = z.object({
  text: z.string({ error: "text must be a string" }),
  /** Dev tools only (refused otherwise): inject faults into this request's model attempts. */
  faults: z
    .object({
      modes: z.array(z.enum(FAULT_MODES)).min(1).max(FAULT_MODES.length),
      rate: z.number().min(0).max(1),
      firstAttemptOnly: z.boolean().default(true),
    })
    .optional(),
});

export type SummarizeRequest = z.infer<typeof summarizeRequestSchema>;
