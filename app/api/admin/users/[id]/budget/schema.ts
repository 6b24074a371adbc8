import { z } from "zod";

const limit = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const scopeLimits = z.object({ tokens: limit.optional(), micros: limit.optional() }).strict();

/** PUT body: one user's limits per scope; a scope left out keeps its tier's figure. */
export const budgetOverrideSchema = z
  .object({ user_day: scopeLimits.optional(), user_month: scopeLimits.optional(), session: scopeLimits.optional() })
  .strict();

export type BudgetOverrideBody = z.infer<typeof budgetOverrideSchema>;
