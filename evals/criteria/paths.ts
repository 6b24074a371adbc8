import type { Json } from "../types";

export type PathLookup = { found: true; value: unknown } | { found: false };

/**
 * Reads `summary`, `summary.length`, `tags.0` or `error.code` from an output.
 * `length` works on strings and arrays alike, which is what makes a numeric
 * range on a summary's length or a tag count one criterion.
 */
export function readPath(value: unknown, path: string): PathLookup {
  let current: unknown = value;
  for (const key of path.split(".")) {
    if (typeof current === "string" && key === "length") {
      current = current.length;
    } else if (Array.isArray(current) && key === "length") {
      current = current.length;
    } else if (Array.isArray(current) && /^\d+$/.test(key)) {
      if (Number(key) >= current.length) return { found: false };
      current = current[Number(key)];
    } else if (typeof current === "object" && current !== null && !Array.isArray(current) && Object.hasOwn(current, key)) {
      current = (current as Record<string, unknown>)[key];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}

/** Every string inside a value with where it sits: what must-not-contain searches. */
export function stringLeaves(value: Json | undefined, path = ""): { path: string; text: string }[] {
  if (typeof value === "string") return [{ path: path || "(output)", text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, path ? `${path}.${index}` : String(index)));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, path ? `${path}.${key}` : key));
  }
  return [];
}
