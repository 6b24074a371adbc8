import { z } from "zod";
import { FAULT_MODES } from "./faults";

/**
 * What the dev fault switch may ask for on one request (POST /api/chat and
 * /api/summarize accept it as `faults`; the server refuses it without dev tools).
 */
export const faultRequestSchema = z.object({
  modes: z.array(z.enum(FAULT_MODES)).min(1).max(FAULT_MODES.length),
  /** Probability per attempt, 0..1. */
  rate: z.number().min(0).max(1),
  /** Fault only the first attempt, so the retry or fallback that follows can be watched succeeding. */
  firstAttemptOnly: z.boolean().default(true),
});

export type FaultRequest = z.infer<typeof faultRequestSchema>;
