import "server-only";
import { isOfflineModel } from "@/lib/ai/offline-model";
import { createModelChain, getModelChain, type ChainModel } from "@/lib/ai/registry";
import { getEnv } from "@/lib/env";

/**
 * The chain an eval runs against: the app's own (getModelChain: primary plus
 * LLM_FALLBACK_MODELS) by default, or one model alone for `--model`, built by
 * the same registry. With no provider configured only offline ids exist.
 */
export function evalChain(model: string | null): ChainModel[] {
  if (!model) return getModelChain();
  const env = getEnv();
  const offline = !env.OPENAI_API_KEY && !env.OPENAI_BASE_URL;
  if (offline) {
    if (model !== "offline" && !model.startsWith("offline-")) {
      throw new Error(`no model provider is configured, so "${model}" cannot be evaluated: set OPENAI_API_KEY or OPENAI_BASE_URL (or use --model offline)`);
    }
    // Offline ids beyond the first are further offline instances (see createModelChain).
    return createModelChain({ ...env, LLM_FALLBACK_MODELS: [model] }).filter((entry) => entry.id === model);
  }
  return createModelChain({ ...env, LLM_MODEL: model, LLM_FALLBACK_MODELS: [] });
}

export function isOfflineChain(chain: readonly ChainModel[]): boolean {
  return chain.every((entry) => isOfflineModel(entry.model));
}
