import { createFaultPicker, parseFaultConfig, type FaultMode } from "@/lib/ai/faults";
import type { FaultSetting } from "../types";

/**
 * `--faults missing_field` (every attempt) or `--faults prose,fence --fault-rate 0.3`:
 * the offline model's fault injection, to show what a regression looks like.
 */
export function parseFaultSetting({ modes, rate, seed }: { modes?: string; rate?: string; seed?: string }): FaultSetting | null {
  if (!modes) return null;
  const config = parseFaultConfig({ modes, rate: rate ?? "1", seed: seed ?? "1" });
  return config.rate > 0 ? { modes: [...config.modes], rate: config.rate, seed: config.seed } : null;
}

/**
 * A fault sequence of its own per case and trial: which attempt faults depends
 * on the seed, the case and the trial, never on what ran concurrently with it.
 */
export function faultPickerForTrial(setting: FaultSetting | null, caseId: string, trial: number): (() => FaultMode | null) | undefined {
  if (!setting) return undefined;
  const config = parseFaultConfig({ modes: setting.modes.join(","), rate: String(setting.rate), seed: String(setting.seed) });
  const seed = (fnv1a(caseId) ^ Math.imul(trial, 0x9e3779b9) ^ config.seed) >>> 0;
  return createFaultPicker({ ...config, seed });
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
