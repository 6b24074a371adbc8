import "server-only";
import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== "" ? value.trim() : undefined));

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== ""),
  );

const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

/** Every environment variable Ballast reads, with its default. README lists the same. */
const envSchema = z.object({
  DATABASE_URL: optionalString,
  PGLITE_DIR: z.string().default(".data/pglite"),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
  LLM_MODEL: optionalString,
  LLM_FALLBACK_MODELS: commaList,
  OFFLINE_FIRST_CHUNK_MS: nonNegativeInt(250),
  OFFLINE_CHUNK_MS: nonNegativeInt(20),
  OFFLINE_LATENCY_SPIKE_MS: nonNegativeInt(8_000),
  /** Overrides the context window table (lib/context/model-limits.ts), e.g. for an Ollama model. */
  LLM_CONTEXT_WINDOW: z.preprocess((value) => (value === "" ? undefined : value), z.coerce.number().int().positive().optional()),
  LLM_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(4),
  LLM_FIRST_CHUNK_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  LLM_TOTAL_TIMEOUT_MS: z.coerce.number().int().min(100).default(90_000),
  LLM_SLOW_NOTICE_MS: z.coerce.number().int().min(0).default(3_000),
  LLM_MAX_BACKOFF_MS: z.coerce.number().int().min(0).default(10_000),
  FAULT_RATE: z.coerce.number().min(0).max(1).default(0),
  FAULT_MODES: z.string().default("all"),
  FAULT_SEED: z.coerce.number().int().default(1),
  BALLAST_DEV_TOOLS: optionalString,
  /** `1` serves the benchmark-only routes under /api/bench (404 otherwise); see README, "Performance and reliability". */
  BALLAST_BENCH_ROUTES: optionalString,
  /**
   * Comma-separated emails that become admins when they sign up: how a fresh
   * deployment (or a test run) gets its first admin without a shell.
   */
  ADMIN_EMAILS: z
    .string()
    .default("")
    .transform((text) => text.split(",").map((email) => email.trim().toLowerCase()).filter(Boolean)),
  BETTER_AUTH_SECRET: optionalString,
  BETTER_AUTH_URL: optionalString.pipe(z.url().optional()),
  NODE_ENV: z.string().default("development"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** Parsed on first use, not at import, so `next build` never needs a runtime env. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n  ${issues.join("\n  ")}`);
  }
  cached = parsed.data;
  return cached;
}

/** Tests change process.env between cases; this makes the next getEnv() re-read it. */
export function resetEnvForTests(): void {
  cached = undefined;
}
