import { z } from "zod";

/** One top-level field of a feature's schema, as the "How this works" aside lists it. */
export type SchemaField = { name: string; type: string; rule?: string; description?: string; required: boolean };

type JsonSchemaNode = {
  type?: string;
  items?: JsonSchemaNode;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  description?: string;
};

function rangeRule(min: number | undefined, max: number | undefined, unit = ""): string | undefined {
  if (min !== undefined && max !== undefined) return `${min}–${max}${unit}`;
  if (max !== undefined) return `≤ ${max}${unit}`;
  if (min !== undefined) return `≥ ${min}${unit}`;
  return undefined;
}

/**
 * The fields of an object schema, read from its JSON Schema (so the page shows
 * the feature's real limits, not a copy that can drift). Pure: runs on the server.
 */
export function describeSchemaFields(schema: z.ZodType): SchemaField[] {
  const json = z.toJSONSchema(schema) as { properties?: Record<string, JsonSchemaNode>; required?: string[] };
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, node]) => {
    let type = node.type ?? "any";
    let rule: string | undefined;
    if (type === "array") {
      type = `${node.items?.type ?? "any"}[]`;
      rule = rangeRule(node.minItems, node.maxItems, " items");
    } else if (type === "string") {
      rule = rangeRule(node.minLength, node.maxLength, " chars");
    } else if (type === "number" || type === "integer") {
      rule = rangeRule(node.minimum, node.maximum);
    }
    return { name, type, rule, description: node.description, required: required.has(name) };
  });
}
