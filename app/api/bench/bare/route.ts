import { streamText } from "ai";
import { getModelChain } from "@/lib/ai/registry";
import { getEnv } from "@/lib/env";
import { BallastError } from "@/lib/errors";
import { replyFeature } from "@/lib/features/reply";

/**
 * The reference side of bench/pipeline.ts: what a plain AI SDK route does with
 * the same request — stream the primary model's reply as a UI message stream,
 * with the same instructions and output cap — and nothing else (no auth,
 * budget, persistence, parsing or retries). Comparing /api/chat against it
 * measures what Ballast's pipeline adds. Answers 404 unless
 * BALLAST_BENCH_ROUTES=1, so a deployment never exposes an unmetered model call.
 */
export async function POST(request: Request): Promise<Response> {
  if (getEnv().BALLAST_BENCH_ROUTES !== "1") return new BallastError("not_found:api").toResponse();
  // Even the reference must not answer garbage with a 500 (bench/soak-bad-input.test.ts sends it some).
  const body = (await request.json().catch(() => null)) as { message?: { parts?: Array<{ text?: unknown }> } } | null;
  const text = body?.message?.parts?.[0]?.text;
  if (typeof text !== "string" || !text) return new BallastError("bad_request:api", { message: "message.parts[0].text must be a string." }).toResponse();
  const result = streamText({
    model: getModelChain()[0]!.model,
    instructions: replyFeature.instructions,
    messages: [{ role: "user", content: text }],
    maxOutputTokens: replyFeature.maxOutputTokens,
  });
  return result.toUIMessageStreamResponse();
}
