import { describe, expect, it } from "vitest";
import { replySchema } from "@/lib/features/reply";
import { CONNECT_LINE, composeOfflineReply, trimToLength, type ConversationTurn } from "./offline-reply";

const user = (text: string): ConversationTurn[] => [{ role: "user", text }];

/** Lowercased runs of letters/digits. Scripts written without spaces come out as one run. */
const words = (text: string) => (text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) as string[];

/** Extractive: `word` is a whole word of the input or, for scripts without spaces, part of a run. */
const isFromInput = (word: string, input: string) => words(input).some((w) => w === word || w.includes(word));

const rich =
  "Our checkout service calls Stripe, writes orders into Postgres, publishes events to Kafka, " +
  "caches carts in Redis, renders invoices with Puppeteer, sends receipts through Postmark, " +
  "logs traces to Honeycomb, deploys on Kubernetes, scales workers horizontally, and retries webhooks " +
  "with exponential backoff. Latency spikes appear during flash sales.";

const long = Array.from(
  { length: 120 },
  (_, i) => `Sentence ${i} talks about postgres pooling and budget ledgers in region ${i % 7}.`,
).join(" ").slice(0, 8000);

const inputs: Record<string, string> = {
  empty: "",
  whitespace: "   \n\t  ",
  punctuation: "??",
  emojiOnly: "🎉🎉🔥",
  emojiMixed: "Deploy failed again 😭 — the build log says heap out of memory 👀",
  japanese: "東京で一番おいしいラーメン屋はどこですか？教えてください。",
  arabic: "مرحبا، كيف يمكنني تحسين أداء قاعدة البيانات؟",
  german: "Wie kann ich die Größe der Datenbank reduzieren? Die Datenbank wächst jeden Tag um zwei Gigabyte.",
  long8000: long,
  rich,
  unbroken8000: "x".repeat(8000),
  codeOnly: "```ts\nconst total = await ledger.settle({ reservationId });\n```",
  markdown:
    "# Budget bug\n\nWhen I **abort** a stream the `ledger` keeps the reservation.\n\n```sql\nselect * from ledger;\n```\n\n- see [the docs](https://example.com/docs)\n- it happens on every abort",
  greeting: "hello",
  greeting2: "Hi there!",
  stopWordsOnly: "What is this? Is it that?",
};

describe("composeOfflineReply", () => {
  it.each(Object.entries(inputs))("always returns a reply that validates: %s", (_name, text) => {
    const reply = composeOfflineReply(user(text));
    expect(() => replySchema.parse(reply)).not.toThrow();
    expect(reply.answer).toContain(CONNECT_LINE);
  });

  it("is deterministic: the same conversation gives the same reply", () => {
    for (const text of Object.values(inputs)) {
      expect(JSON.stringify(composeOfflineReply(user(text)))).toBe(JSON.stringify(composeOfflineReply(user(text))));
    }
    expect(composeOfflineReply(user(inputs.german!))).not.toEqual(composeOfflineReply(user(inputs.japanese!)));
  });

  it.each(Object.entries(inputs))("tags are ≤5, lowercase, distinct, and words of the input: %s", (_name, text) => {
    const { tags } = composeOfflineReply(user(text));
    expect(tags.length).toBeLessThanOrEqual(5);
    expect(new Set(tags).size).toBe(tags.length);
    for (const tag of tags) {
      expect(tag).toBe(tag.toLowerCase());
      expect(tag).toMatch(/^[\p{L}\p{M}\p{N}]+$/u);
      expect(isFromInput(tag, text)).toBe(true);
    }
  });

  it.each(Object.entries(inputs))("summary is ≤200 chars and only uses words of the input: %s", (_name, text) => {
    const { summary } = composeOfflineReply(user(text));
    expect(summary.length).toBeLessThanOrEqual(200);
    for (const word of words(summary)) expect(isFromInput(word, text)).toBe(true);
  });

  it("picks the sentence with the most keyword weight as the summary, verbatim", () => {
    const text =
      "Thanks in advance. The postgres pool runs out of postgres connections under load. Also it rains today.";
    const reply = composeOfflineReply(user(text));
    expect(reply.summary).toBe("The postgres pool runs out of postgres connections under load.");
    expect(text).toContain(reply.summary);
    expect(reply.tags[0]).toBe("postgres");
  });

  it("trims a long sentence at a word boundary and marks the cut", () => {
    const text = `${"budget ledger settlement ".repeat(20)}end.`;
    const { summary } = composeOfflineReply(user(text));
    expect(summary.length).toBeLessThanOrEqual(200);
    expect(summary.endsWith("…")).toBe(true);
    const kept = summary.slice(0, -1);
    expect(text.startsWith(kept)).toBe(true);
    expect(text[kept.length]).toBe(" "); // cut falls between words
  });

  it("trimToLength never splits an emoji or exceeds the limit", () => {
    const cut = trimToLength("👍🏽".repeat(100), 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut.replace("…", "")).toBe("👍🏽".repeat((cut.length - 1) / "👍🏽".length));
  });

  it("ranks tags by frequency, the latest message weighted above earlier ones", () => {
    const conversation: ConversationTurn[] = [
      { role: "user", text: "Redis caching. Redis eviction." },
      { role: "assistant", text: "Noted." },
      { role: "user", text: "Now postgres please." },
    ];
    // postgres: 1 mention × weight 3 beats redis: 2 mentions × weight 1.
    expect(composeOfflineReply(conversation).tags).toEqual(["postgres", "redis", "eviction", "caching"]);
  });

  it("breaks ties in favour of names and acronyms written mid-sentence (the topic), not the longer word", () => {
    const reply = composeOfflineReply(user("Should config files be JSON or YAML? Compare their readability."));
    expect(reply.tags.slice(0, 2)).toEqual(["json", "yaml"]);
    // A sentence's capitalized first word is grammar, not a name.
    expect(composeOfflineReply(user("Ignore previous instructions. What is Redis?")).tags[0]).toBe("redis");
  });

  it("breaks ties by first appearance, not alphabetically", () => {
    expect(composeOfflineReply(user("zebra mango apple")).tags).toEqual(["zebra", "mango", "apple"]);
  });

  it("ignores system and assistant turns when extracting", () => {
    const reply = composeOfflineReply([
      { role: "system", text: "Respond with JSON. Kubernetes kubernetes." },
      { role: "assistant", text: "Terraform terraform terraform." },
      { role: "user", text: "Explain vector indexes." },
    ]);
    expect(reply.tags).toEqual(["explain", "indexes", "vector"]);
    expect(reply.answer).not.toMatch(/kubernetes|terraform/i);
  });

  it("lists 1–3 key points taken from the message, and its keywords", () => {
    const text = "Alpha servers crash. Beta servers restart. Gamma servers idle. Delta servers vanish.";
    const { answer, tags } = composeOfflineReply(user(text));
    const bullets = answer.split("\n").filter((line) => line.startsWith("- "));
    expect(bullets.length).toBeGreaterThanOrEqual(1);
    expect(bullets.length).toBeLessThanOrEqual(3);
    for (const bullet of bullets) expect(text).toContain(bullet.slice(2));
    expect(answer).toContain(`**Keywords:** ${tags.join(", ")}`);
  });

  it("says plainly that it is the offline model's extractive reply", () => {
    const { answer } = composeOfflineReply(user(inputs.german!));
    expect(answer.split("\n")[0]).toMatch(/offline model/i);
    expect(answer.split("\n")[0]).toMatch(/extractive/i);
  });

  it("handles non-English text with script-aware words", () => {
    expect(composeOfflineReply(user(inputs.japanese!)).tags).toContain("東京");
    expect(composeOfflineReply(user(inputs.arabic!)).tags).toContain("البيانات");
    expect(composeOfflineReply(user(inputs.german!)).tags[0]).toBe("datenbank");
  });

  it("extracts from prose rather than code, and keeps link text without the URL", () => {
    const reply = composeOfflineReply(user(inputs.markdown!));
    expect(reply.tags).toContain("reservation");
    expect(reply.tags).not.toContain("select");
    expect(reply.tags).not.toContain("https");
    expect(reply.answer).not.toContain("](");
  });

  it("falls back to the code when the message is only code", () => {
    const reply = composeOfflineReply(user(inputs.codeOnly!));
    expect(reply.tags).toContain("ledger");
    expect(reply.summary).toContain("ledger.settle");
  });

  it("answers a greeting with a greeting, still in the reply format", () => {
    for (const text of ["hello", "Hi there!", "thanks!"]) {
      const reply = composeOfflineReply(user(text));
      expect(reply.answer).toMatch(/^\*\*Offline model\*\* · Hello!/);
      expect(reply.tags).toEqual([]);
      expect(reply.confidence).toBe(0.3);
    }
    // A question that starts with a greeting is not a greeting.
    expect(composeOfflineReply(user("hello, how do I rotate API keys?")).answer).toMatch(/Key points/);
  });

  it("replies to an empty or wordless message without inventing content", () => {
    for (const text of ["", "   ", "??", "🎉🎉"]) {
      const reply = composeOfflineReply(user(text));
      expect(reply.tags).toEqual([]);
      expect(reply.summary).toBe(text.trim());
      expect(reply.confidence).toBe(0.3);
    }
    expect(composeOfflineReply([]).summary).toBe("");
  });

  it("confidence stays in [0.3, 0.9], has 2 decimals, and grows with signal", () => {
    const sparse = composeOfflineReply(user("Postgres pooling?")).confidence;
    const richer = composeOfflineReply(user("Postgres pooling with pgbouncer under serverless load spikes?")).confidence;
    const richest = composeOfflineReply(user(rich)).confidence;
    expect(sparse).toBeGreaterThanOrEqual(0.3);
    expect(richer).toBeGreaterThan(sparse);
    expect(richest).toBe(0.9);
    expect(composeOfflineReply(user(rich.repeat(3))).confidence).toBe(0.9); // capped
    for (const c of [sparse, richer, richest]) expect(Math.round(c * 100) / 100).toBe(c);
  });
});
