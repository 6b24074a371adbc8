import { z } from "zod";
import { DEFAULT_USAGE_PARAMS, TOP_USER_SORTS, USAGE_RANGES, USAGE_SOURCES } from "@/lib/telemetry/metrics-range";

/**
 * The query string of GET /api/admin/usage (and of a user's usage): the same
 * parameters as the /admin page's links. Unlike the page, which shows its
 * default view for a stale link, the API names a bad value with 400.
 */
export const usageQuerySchema = z.object({
  range: z.enum(USAGE_RANGES, { error: `range must be one of ${USAGE_RANGES.join(", ")}` }).default(DEFAULT_USAGE_PARAMS.range),
  source: z.enum(USAGE_SOURCES, { error: `source must be one of ${USAGE_SOURCES.join(", ")}` }).default(DEFAULT_USAGE_PARAMS.source),
  sort: z.enum(TOP_USER_SORTS, { error: `sort must be one of ${TOP_USER_SORTS.join(", ")}` }).default(DEFAULT_USAGE_PARAMS.sort),
});

/** A user's usage adds the cursor of their recent calls: the id of the last call already shown. */
export const userUsageQuerySchema = usageQuerySchema.extend({
  before: z
    .string()
    .regex(/^\d{1,15}$/, { error: "before must be a call id" })
    .transform(Number)
    .optional(),
});

export type UsageQuery = z.infer<typeof usageQuerySchema>;
export type UserUsageQuery = z.infer<typeof userUsageQuerySchema>;
