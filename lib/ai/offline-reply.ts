import type { Reply } from "@/lib/features/reply";

/** One turn of a conversation, reduced to plain text. */
export type ConversationTurn = { role: "system" | "user" | "assistant"; text: string };

/**
 * The offline model's reply: extractive, deterministic, honest about it. It picks
 * sentences and keywords out of the latest user message; it does not understand them.
 *
 * Only user turns feed the extraction. System turns are instructions, and earlier
 * assistant turns are (for this model) its own boilerplate: both would echo back
 * as "keywords" without saying anything about what the user wrote.
 */
export function composeOfflineReply(conversation: readonly ConversationTurn[]): Reply {
  const userTurns = conversation.filter((turn) => turn.role === "user");
  const latest = (userTurns.at(-1)?.text ?? "").slice(0, MAX_LATEST_CHARS).trim();
  const earlier = userTurns.slice(-1 - MAX_EARLIER_TURNS, -1).map((t) => t.text.slice(0, MAX_EARLIER_CHARS));

  if (latest.length === 0) return noWordsReply("", "your message is empty, so there is nothing to extract");
  if (isGreeting(latest)) return greetingReply(latest);

  const text = proseOf(latest);
  const scores = keywordScores(text, earlier.map(proseOf));
  const tags = [...scores.keys()].slice(0, MAX_TAGS);
  const sentences = sentencesOf(text).filter((s) => contentWords(s).length > 0);
  if (tags.length === 0 || sentences.length === 0) {
    return noWordsReply(trimToLength(cleanInline(latest), SUMMARY_MAX), "I found no keywords in your message to extract");
  }

  const ranked = rankSentences(sentences, scores);
  const keyPoints = ranked
    .slice(0, MAX_KEY_POINTS)
    .sort((a, b) => a.index - b.index)
    .map((s) => trimToLength(s.text, KEY_POINT_MAX));
  const best = ranked[0]?.text ?? "";
  const distinct = new Set(contentWords(text)).size;

  return {
    answer: [
      `**Offline model** · extractive reply: these lines are picked out of your message by keyword weight, not understood.`,
      "",
      "**Key points from your message**",
      ...keyPoints.map((point) => `- ${point}`),
      "",
      `**Keywords:** ${tags.join(", ")}`,
      "",
      CONNECT_LINE,
    ].join("\n"),
    summary: trimToLength(best, SUMMARY_MAX),
    tags,
    // Not a correctness estimate (nothing here is understood): it only grows with
    // how much there was to extract. confidence = 0.3 + 0.6 × min(1, distinct content words / 24).
    confidence: round2(0.3 + 0.6 * Math.min(1, distinct / 24)),
  };
}

export const CONNECT_LINE =
  "Connect a real model by setting `OPENAI_API_KEY` (or `OPENAI_BASE_URL` for an OpenAI-compatible server).";

const SUMMARY_MAX = 200;
const KEY_POINT_MAX = 280;
const MAX_TAGS = 5;
const MAX_TAG_CHARS = 40;
const MAX_KEY_POINTS = 3;
// Caps keep the work bounded whatever the prompt size (the chat caps input at 8,000 chars).
const MAX_LATEST_CHARS = 8_000;
const MAX_EARLIER_TURNS = 10;
const MAX_EARLIER_CHARS = 2_000;
const LATEST_WEIGHT = 3;

function noWordsReply(summary: string, reason: string): Reply {
  return {
    answer: [
      `**Offline model** · extractive reply: ${reason}.`,
      "",
      "Write a question or a few sentences and I will list their key points and keywords.",
      "",
      CONNECT_LINE,
    ].join("\n"),
    summary,
    tags: [],
    confidence: 0.3,
  };
}

function greetingReply(message: string): Reply {
  return {
    answer: [
      "**Offline model** · Hello! I am Ballast's built-in offline stand-in, not a language model: I extract sentences and keywords from what you write, I do not understand it.",
      "",
      "Write a question or a few sentences and I will list their key points and keywords.",
      "",
      CONNECT_LINE,
    ].join("\n"),
    summary: trimToLength(cleanInline(message), SUMMARY_MAX),
    tags: [],
    confidence: 0.3,
  };
}

// ---------- text handling ----------

const wordSegmenter = new Intl.Segmenter("und", { granularity: "word" });
const sentenceSegmenter = new Intl.Segmenter("und", { granularity: "sentence" });
const graphemeSegmenter = new Intl.Segmenter("und", { granularity: "grapheme" });

/** Drops fenced code blocks (code lines make poor "sentences"), unless code is all there is. */
function proseOf(text: string): string {
  // Links keep their text: a URL's parts ("https", "com") are not topics.
  const linked = text.replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\bhttps?:\/\/\S+/g, " ");
  const prose = linked.replace(/```[\s\S]*?(?:```|$)/g, "\n").trim();
  return prose.length > 0 ? prose : linked.replace(/```[^\n]*/g, "\n");
}

/** Markdown markup off, whitespace collapsed: the sentence reads cleanly inside a bullet. */
function cleanInline(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s*(?:#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, "")
    .replace(/[*`]|~~/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  for (const { segment } of sentenceSegmenter.segment(text)) {
    const clean = cleanInline(segment);
    if (clean.length > 0) sentences.push(clean);
  }
  return sentences;
}

/** Unicode-aware words (letters, marks, digits), lowercased, in order. */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (const { segment, isWordLike } of wordSegmenter.segment(text)) {
    if (!isWordLike) continue;
    // The segmenter keeps "file.ts" or "don't" whole; split them into their letter runs.
    for (const run of segment.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) words.push(run.toLowerCase());
  }
  return words;
}

/** Words that can be keywords: not stop-words, with a letter, of a sensible length. */
function contentWords(text: string): string[] {
  return wordsOf(text).filter(
    (w) =>
      !STOP_WORDS.has(w) &&
      /\p{L}/u.test(w) &&
      w.length <= MAX_TAG_CHARS &&
      // One letter is a word only in Han script (猫); elsewhere it is an initial or a particle.
      (w.length > 1 || /\p{Script=Han}/u.test(w)),
  );
}

/**
 * Keyword → score, sorted best first. Ties go first to names (see namedWords:
 * "JSON", "Redis" name the topic where "readability" does not), then to the
 * longer word (a rough but useful proxy for specificity: "postgres" over
 * "care"), then to first-seen order.
 */
function keywordScores(latest: string, earlier: readonly string[]): Map<string, number> {
  const scores = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const word of contentWords(text)) scores.set(word, (scores.get(word) ?? 0) + weight);
  };
  add(latest, LATEST_WEIGHT);
  for (const text of [...earlier].reverse()) add(text, 1);
  const named = namedWords(latest);
  const isNamed = (word: string) => (named.has(word) ? 1 : 0);
  // Array.prototype.sort is stable, so full ties stay in insertion (first-seen) order.
  return new Map([...scores].sort((a, b) => b[1] - a[1] || isNamed(b[0]) - isNamed(a[0]) || b[0].length - a[0].length));
}

/**
 * Words written with a capital letter somewhere other than the start of a
 * sentence ("JSON", "Redis", "PgBouncer"), lowercased: acronyms and product
 * names, which say what a message is about. A sentence's first word is
 * capitalized by grammar alone, so it does not count.
 */
function namedWords(text: string): Set<string> {
  const named = new Set<string>();
  for (const { segment } of sentenceSegmenter.segment(text)) {
    let first = true;
    for (const { segment: word, isWordLike } of wordSegmenter.segment(segment)) {
      if (!isWordLike) continue;
      if (!first && /\p{Lu}/u.test(word)) for (const run of word.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) named.add(run.toLowerCase());
      first = false;
    }
  }
  return named;
}

/** Sentences by summed keyword weight, damped by length so long ones do not win by size alone. */
function rankSentences(sentences: readonly string[], scores: ReadonlyMap<string, number>) {
  return sentences
    .map((text, index) => {
      const words = contentWords(text);
      let sum = 0;
      for (const word of new Set(words)) sum += scores.get(word) ?? 0;
      return { text, index, score: sum / Math.sqrt(words.length) };
    })
    .sort((a, b) => b.score - a.score || a.index - b.index);
}

/** Cuts at a word boundary (any script) to at most `max` UTF-16 units, marking the cut with "…". */
export function trimToLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  for (const { segment } of wordSegmenter.segment(text)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  out = out.trimEnd();
  if (out.length === 0) {
    // A single "word" longer than the limit (a URL, a hash): cut between graphemes instead.
    for (const { segment } of graphemeSegmenter.segment(text)) {
      if (out.length + segment.length > max - 1) break;
      out += segment;
    }
  }
  return `${out}…`;
}

function isGreeting(message: string): boolean {
  const words = wordsOf(message);
  return words.length > 0 && words.length <= 6 && words.every((w) => GREETING_WORDS.has(w));
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

const GREETING_WORDS = new Set(
  (
    "hi hello hey hiya howdy yo sup greetings good morning afternoon evening day there everyone all " +
    "how are you doing what whats up thanks thank thx ty cheers ok okay bye goodbye " +
    "hallo guten morgen abend moin servus hola buenos dias buenas bonjour salut coucou ciao buongiorno " +
    "こんにちは こんばんは おはよう ありがとう مرحبا السلام عليكم شكرا"
  ).split(" "),
);

const STOP_WORDS = new Set(
  [
    // English
    "a about above after again against all also am an and any are as at be because been before being below " +
      "between both but by can could did do does doing don down during each even few for from further get got " +
      "had has have having he her here hers herself him himself his how i if in into is it its itself just let " +
      "like ll me more most much must my myself need no nor not now of off on once only or other our ours " +
      "ourselves out over own please re really same say she should so some such than that the their theirs them " +
      "themselves then there these they this those through to too under until up us use using ve very want was " +
      "we were what when where which while who whom why will with would yes yet you your yours yourself " +
      "yourselves isn aren wasn weren doesn didn won wouldn shouldn couldn cannot one two make way thing " +
      "things something anything know think tell help within without keep lot lots care able via " +
      "may might maybe still every many well good best better new old",
    // Greetings never make useful topic tags.
    [...GREETING_WORDS].join(" "),
    // German
    "der die das den dem des ein eine einen einem einer und oder aber ist sind war ich du er sie es wir ihr " +
      "nicht mit von zu zum zur im in auf für wie was kann können ich mich mir bei auch noch nur so dass als an",
    // French / Spanish
    "le la les un une des et ou est sont je tu il elle nous vous ils de du en au aux pour par sur que qui " +
      "el los las y es en del por para con una unos que se lo como",
    // Japanese particles and copulas (the word segmenter splits them off)
    "です ます でした ました ください くだ さい して する ある いる これ それ この その どこ どう なに 何",
    // Arabic
    "في من على إلى عن هذا هذه ما هل كيف أن و",
  ]
    .join(" ")
    .split(" ")
    .filter(Boolean),
);
