import type { z } from "zod";
import { BallastError } from "@/lib/errors";

/** A route's search params through its schema; a bad value is a 400 that names it. */
export function parseQuery<Schema extends z.ZodType>(request: Request, schema: Schema): z.infer<Schema> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new BallastError("bad_request:api", { message: parsed.error.issues.map((issue) => issue.message).join("; ") });
  return parsed.data;
}
