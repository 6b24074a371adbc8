import { asSchema, type DeepPartial, type OutputInterface } from "ai";
import type { z } from "zod";
import { parseStructured } from "./parse";
import { parsePartial } from "./partial";
import type { RepairName } from "./repair-names";

/** A complete structured value and the repairs it needed. */
export type Structured<T> = { value: T; repairs: RepairName[] };

/**
 * An AI SDK output for `streamText({ output })` that survives real models:
 * - the provider is asked for JSON matching the schema (response_format),
 * - partial objects keep streaming through a leading fence or prose,
 * - the final text goes through parseStructured (extract, repair, validate), and
 *   a failure rejects `result.output` with a StructuredOutputError whose message
 *   can be fed back to the model.
 */
export function structuredOutput<Schema extends z.ZodType>({
  schema,
  name,
}: {
  schema: Schema;
  name?: string;
}): OutputInterface<Structured<z.infer<Schema>>, DeepPartial<z.infer<Schema>>, never> {
  const jsonSchema = asSchema(schema).jsonSchema;
  return {
    name: "structured",
    responseFormat: Promise.resolve(jsonSchema).then((resolved) => ({ type: "json" as const, schema: resolved, name })),
    async parseCompleteOutput({ text }, { finishReason }) {
      const result = parseStructured(text, schema, { finishReason });
      if (!result.ok) throw result.error;
      return { value: result.value, repairs: result.repairs };
    },
    async parsePartialOutput({ text }) {
      const partial = await parsePartial(text);
      return partial === undefined ? undefined : { partial: partial as DeepPartial<z.infer<Schema>> };
    },
    createElementStreamTransform() {
      return undefined;
    },
  };
}
