import "server-only";
import { getEnv, type Env } from "@/lib/env";
import type { AttemptPolicy } from "@/lib/structured/run-attempts";

/** The attempt loop's limits, from the environment (README lists the variables). */
export function getAttemptPolicy(env: Env = getEnv()): AttemptPolicy {
  return {
    maxAttempts: env.LLM_MAX_ATTEMPTS,
    timeouts: { firstChunkMs: env.LLM_FIRST_CHUNK_TIMEOUT_MS, totalMs: env.LLM_TOTAL_TIMEOUT_MS },
    slowNoticeMs: env.LLM_SLOW_NOTICE_MS,
    maxBackoffMs: env.LLM_MAX_BACKOFF_MS,
  };
}
