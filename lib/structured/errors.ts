import type { RepairName } from "./repair-names";

export type StructuredOutputErrorKind = "no_json" | "unparseable_json" | "schema_mismatch" | "truncated";

/**
 * Why a model reply could not become a typed value. `message` is written to be fed
 * back to the model in a retry prompt: short, precise, quoting what failed.
 */
export class StructuredOutputError extends Error {
  override readonly name = "StructuredOutputError";
  readonly kind: StructuredOutputErrorKind;
  /** Repairs applied before the failure, for the call log. */
  readonly repairs: readonly RepairName[];

  constructor(kind: StructuredOutputErrorKind, message: string, options: { repairs?: readonly RepairName[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.repairs = options.repairs ?? [];
  }
}

/**
 * A short quotation of model text for an error message: JSON-escaped (so newlines
 * and lone surrogates cannot break a prompt) and cut to `max` characters.
 */
export function quote(text: string, max = 80, from: "start" | "end" = "start"): string {
  if (text.length <= max) return JSON.stringify(text);
  return from === "start" ? `${JSON.stringify(text.slice(0, max))}…` : `…${JSON.stringify(text.slice(-max))}`;
}
