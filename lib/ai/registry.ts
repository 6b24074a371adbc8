import "server-only";
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import type { ModelInfo } from "@/lib/chat/ui-message";
import { getEnv, type Env } from "@/lib/env";
import { OFFLINE_PROVIDER, OfflineModel } from "./offline-model";

const DEFAULT_OPENAI_MODEL = "gpt-4o-mini";

/** One entry of the model chain: the primary first, then `LLM_FALLBACK_MODELS` in order. */
export type ChainModel = { id: string; model: LanguageModelV4 };

/** The id the price table knows a chain model by: every offline instance is priced as "offline", whatever its name. */
export function priceIdOf(entry: ChainModel): string {
  return entry.model.provider === OFFLINE_PROVIDER ? "offline" : entry.id;
}

function isOffline(env: Env): boolean {
  return !env.OPENAI_API_KEY && !env.OPENAI_BASE_URL;
}

/**
 * The models to try, in order, built from the environment:
 * - `OPENAI_BASE_URL` set: an OpenAI-compatible server (Ollama, vLLM, llama.cpp)
 *   through Chat Completions, which they all speak; the Responses API they mostly don't.
 * - only `OPENAI_API_KEY`: OpenAI itself, through its Responses API.
 * - neither: the built-in offline model, for demos and tests.
 */
export function createModelChain(env: Env = getEnv()): ChainModel[] {
  if (isOffline(env)) {
    // Fallback ids name further offline instances, so a fallback can be watched without a provider.
    const ids = [...new Set(["offline", ...env.LLM_FALLBACK_MODELS])];
    return ids.map((id) => ({
      id,
      model: new OfflineModel({
        modelId: id,
        latency: { firstChunkMs: env.OFFLINE_FIRST_CHUNK_MS, chunkMs: env.OFFLINE_CHUNK_MS },
        latencySpikeMs: env.OFFLINE_LATENCY_SPIKE_MS,
      }),
    }));
  }

  const provider = createOpenAI({
    baseURL: env.OPENAI_BASE_URL,
    // Local OpenAI-compatible servers accept any key; the client refuses to send none.
    apiKey: env.OPENAI_API_KEY ?? "unused-by-local-server",
  });
  const ids = [env.LLM_MODEL ?? DEFAULT_OPENAI_MODEL, ...env.LLM_FALLBACK_MODELS];
  const unique = [...new Set(ids)];
  return unique.map((id) => ({ id, model: env.OPENAI_BASE_URL ? provider.chat(id) : provider(id) }));
}

let cachedChain: ChainModel[] | undefined;

export function getModelChain(): ChainModel[] {
  cachedChain ??= createModelChain();
  return cachedChain;
}

export function resetModelChainForTests(): void {
  cachedChain = undefined;
}

/** What the UI shows about the model in use. Never labels the offline model as an LLM. */
export function getModelInfo(env: Env = getEnv()): ModelInfo {
  if (isOffline(env)) return { offline: true, modelId: "offline", label: "Offline model" };
  const modelId = env.LLM_MODEL ?? DEFAULT_OPENAI_MODEL;
  const host = env.OPENAI_BASE_URL ? new URL(env.OPENAI_BASE_URL).host : "OpenAI";
  return { offline: false, modelId, label: `${modelId} · ${host}` };
}
