/**
 * A string-aware scanner over JSON-ish text. It is not a parser: it only tracks
 * what brace matching and truncation checks need (open containers, whether the
 * position is inside a double-quoted string, the current top-level key), so it
 * works on broken and cut-off replies. Iterative, so deep nesting cannot overflow.
 */
export type ScanResult =
  | { closed: true; end: number }
  | {
      closed: false;
      inString: boolean;
      /** Inside a string that is a key of the root object (no value cut yet). */
      inKey: boolean;
      /** Open containers at the end of the text, outermost first. */
      stack: ("{" | "[")[];
      /** The last key seen directly inside the root object, if any. */
      lastKey: string | undefined;
    };

/** Scans from `start` (a `{`) until that object closes or the text ends. */
export function scanObject(text: string, start: number): ScanResult {
  const stack: ("{" | "[")[] = [];
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  let pendingKey: string | undefined;
  let lastKey: string | undefined;
  let expectKey = false;
  let stringIsKey = false;

  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') {
        inString = false;
        if (stack.length === 1) pendingKey = text.slice(stringStart + 1, i);
      }
      continue;
    }
    switch (ch) {
      case '"':
        inString = true;
        stringStart = i;
        stringIsKey = stack.length === 1 && expectKey;
        break;
      case ":":
        if (stack.length === 1 && pendingKey !== undefined) lastKey = pendingKey;
        pendingKey = undefined;
        if (stack.length === 1) expectKey = false;
        break;
      case ",":
        if (stack.length === 1) expectKey = true;
        break;
      case "{":
      case "[":
        stack.push(ch);
        if (stack.length === 1) expectKey = true;
        break;
      case "]":
        if (stack.at(-1) === "[") stack.pop();
        break;
      case "}":
        // Pop through unclosed arrays: `{"a": [1}` still ends the object.
        while (stack.length > 0 && stack.pop() !== "{") {
          /* drop unclosed "[" */
        }
        if (stack.length === 0) return { closed: true, end: i + 1 };
        break;
    }
  }
  return { closed: false, inString, inKey: inString && stringIsKey, stack, lastKey };
}

/**
 * The text with the contents of double-quoted strings removed (quotes kept), so
 * regexes looking for syntax problems never match inside a value. Also reports
 * raw control characters (e.g. a literal newline) inside strings.
 */
export function maskStrings(text: string): { masked: string; controlInString: boolean } {
  let masked = "";
  let inString = false;
  let escaped = false;
  let controlInString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (!inString) {
      masked += ch;
      if (ch === '"') inString = true;
      continue;
    }
    if (escaped) escaped = false;
    else if (ch === "\\") escaped = true;
    else if (ch === '"') {
      inString = false;
      masked += ch;
    } else if (ch.charCodeAt(0) < 0x20) controlInString = true;
  }
  return { masked, controlInString };
}
