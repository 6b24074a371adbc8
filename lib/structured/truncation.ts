import { scanObject } from "./scan";

const COMPLETE_LITERAL = /^(?:true|false|null|True|False|None)$/;

/**
 * The truncation rule. A reply whose JSON object never closes may be repaired
 * (closed by jsonrepair) only when the cut fell *between* values of the root
 * object: after a closed string, a `]`/`}`, a comma, a colon, a complete
 * true/false/null, or inside a key. Then every value present is whole, and the
 * schema decides whether enough of them arrived. A cut inside a string value or
 * inside a nested array/object would let repair produce a shortened value that
 * may still validate ("Paris is the" as an answer, 3 of 5 tags), so it is refused.
 * A bare number or word at the very end is whole only if the model chose to stop
 * (`modelStopped`); after a length cut, 0.8 may have been 0.85.
 *
 * Returns undefined for a safe cut (or a closed object), else where the cut is.
 */
export function findUnsafeCut(json: string, modelStopped: boolean): string | undefined {
  const start = json.indexOf("{");
  if (start === -1) return undefined;
  const scan = scanObject(json, start);
  if (scan.closed) return undefined;
  const where = scan.lastKey === undefined ? "inside a value" : `inside the value of ${JSON.stringify(scan.lastKey)}`;
  if (scan.inKey) return undefined;
  if (scan.inString || scan.stack.length > 1) return where;
  const token = trailingToken(json.trimEnd());
  if (token !== "" && !modelStopped && !COMPLETE_LITERAL.test(token)) return where;
  return undefined;
}

/** The bare word or number the text ends with (a backwards walk: a `$`-anchored regex is quadratic). */
function trailingToken(text: string): string {
  let i = text.length;
  while (i > 0 && /[\w.+-]/.test(text[i - 1] ?? "")) i--;
  return text.slice(i);
}
