import type { RepairName } from "./repair-names";
import { scanObject } from "./scan";

export type ExtractResult =
  | {
      found: true;
      /** The JSON object's text, without fences or prose around it. */
      json: string;
      /** False when the object never closes: the reply was cut off (or the model forgot the brace). */
      balanced: boolean;
      steps: RepairName[];
    }
  | { found: false };

// A fence counts only at the start of a line: inside a valid JSON string a newline
// is escaped, so a Markdown answer that contains ```json examples is not mistaken
// for the wrapper. Fence lines alternate open/close; an opening fence whose
// content starts with `{` holds the object (other code fences are skipped).
const FENCE = /(?:^|\n)[ \t]*```/g;
// Unambiguous on purpose: overlapping whitespace classes backtrack quadratically.
const FENCE_OPENS_OBJECT = /[\w+-]*[ \t]*(?:\r?\n[ \t\r\n]*)?\{/;
const CLOSING_FENCE = /^\s*```/;
const FENCE_LINE = /\n[ \t]*```/;

/**
 * Finds the JSON object in a model reply. A fenced object wins wherever the fence
 * is (the model marked it as the payload); otherwise the first `{`. Brace matching
 * skips braces inside strings. When several objects follow each other, the first
 * is taken and `picked_first_of_many` says so.
 */
export function extractJson(text: string): ExtractResult {
  const steps: RepairName[] = [];
  const { fence, codeBlocks } = findFences(text);
  let start: number;
  if (fence) {
    start = fence.start;
    steps.push("removed_code_fence");
    if (text.slice(0, fence.fenceAt).trim() !== "") steps.push("removed_leading_prose");
  } else {
    start = firstBraceOutside(text, codeBlocks);
    if (start === -1) return { found: false };
    if (text.slice(0, start).trim() !== "") steps.push("removed_leading_prose");
  }

  const scan = scanObject(text, start);
  if (!scan.closed) {
    let json = text.slice(start);
    // An unclosed object inside a closed fence: stop at the fence, not the text end.
    if (fence) {
      const close = FENCE_LINE.exec(json);
      if (close) {
        json = json.slice(0, close.index);
        if (text.slice(start + close.index + close[0].length).trim() !== "") steps.push("removed_trailing_prose");
      }
    }
    return { found: true, json, balanced: false, steps };
  }

  let rest = text.slice(scan.end);
  if (fence) {
    const close = CLOSING_FENCE.exec(rest);
    if (close) rest = rest.slice(close[0].length);
  }
  if (rest.trim() !== "") steps.push(hasAnotherObject(rest) ? "picked_first_of_many" : "removed_trailing_prose");
  return { found: true, json: text.slice(start, scan.end), balanced: true, steps };
}

type Fences = {
  /** The first fenced block whose content is an object. */
  fence: { fenceAt: number; start: number } | undefined;
  /** Closed fenced blocks before it, holding other code: their braces are not JSON. */
  codeBlocks: [number, number][];
};

function findFences(text: string): Fences {
  const codeBlocks: [number, number][] = [];
  let openedAt: number | undefined;
  for (const match of text.matchAll(FENCE)) {
    if (openedAt !== undefined) {
      codeBlocks.push([openedAt, match.index + match[0].length]);
      openedAt = undefined;
      continue;
    }
    const opensObject = new RegExp(FENCE_OPENS_OBJECT.source, "y");
    opensObject.lastIndex = match.index + match[0].length;
    const open = opensObject.exec(text);
    if (open) return { fence: { fenceAt: match.index, start: open.index + open[0].length - 1 }, codeBlocks };
    openedAt = match.index;
  }
  return { fence: undefined, codeBlocks };
}

/** `blocks` are sorted and disjoint, so one pass over them suffices. */
function firstBraceOutside(text: string, blocks: [number, number][]): number {
  let at = text.indexOf("{");
  for (const [open, close] of blocks) {
    if (at === -1 || at < open) return at;
    if (at < close) at = text.indexOf("{", close);
  }
  return at;
}

// Another object must look like one (`{"`, `{'`, `{}`), so braces in trailing
// prose ("{roughly}") are just prose.
function hasAnotherObject(rest: string): boolean {
  const next = /\{\s*["'}]/.exec(rest);
  return next !== null && scanObject(rest, next.index).closed;
}
