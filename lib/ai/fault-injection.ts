import "server-only";
import { getEnv, type Env } from "@/lib/env";
import type { FaultRequest } from "./fault-request";
import { createFaultPicker, parseFaultConfig, type FaultMode } from "./faults";

export type { FaultRequest };

/** The dev tools (fault switch) are on in development, and in production only when BALLAST_DEV_TOOLS=1. */
export function devToolsEnabled(env: Env = getEnv()): boolean {
  if (env.BALLAST_DEV_TOOLS !== undefined) return env.BALLAST_DEV_TOOLS === "1" || env.BALLAST_DEV_TOOLS === "true";
  return env.NODE_ENV !== "production";
}

const holder = globalThis as typeof globalThis & { __ballastFaultPicker?: () => FaultMode | null };

/**
 * The picker for one request. A request from the dev switch gets its own
 * sequence; otherwise the server-wide FAULT_RATE/FAULT_MODES/FAULT_SEED sequence
 * (one per process, so a seeded run is reproducible request after request).
 */
export function faultPickerFor(request: FaultRequest | undefined, env: Env = getEnv()): (() => FaultMode | null) | undefined {
  if (request && request.modes.length > 0 && request.rate > 0) {
    const pick = createFaultPicker({ rate: request.rate, modes: request.modes, seed: Date.now() >>> 0 });
    let calls = 0;
    return () => (request.firstAttemptOnly && calls++ > 0 ? null : pick());
  }
  if (env.FAULT_RATE <= 0) return undefined;
  holder.__ballastFaultPicker ??= createFaultPicker(
    parseFaultConfig({ rate: String(env.FAULT_RATE), modes: env.FAULT_MODES, seed: String(env.FAULT_SEED) }),
  );
  return holder.__ballastFaultPicker;
}
