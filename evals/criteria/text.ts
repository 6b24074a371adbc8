/** Case, compatibility forms (full-width letters), punctuation, symbols and spacing do not count. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A value as the text a text criterion matches: strings as they are, a list joined with ", ". */
export function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(asText).join(", ");
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value) ?? "";
}

/** A value quoted in a reason, cut so a reason stays one readable line. */
export function quote(value: unknown, max = 120): string {
  const text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function formatInteger(n: number): string {
  return Math.round(n).toLocaleString("en");
}
