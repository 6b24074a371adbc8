/**
 * Parser throughput: parseStructured (extract → repair → validate, with the
 * truncation and invented-text checks) on clean replies and on each way models
 * break them, against `JSON.parse` + zod `safeParse` on the clean reply — the
 * least any structured-output route has to do. Sides alternate in short
 * batches; the medians are printed.
 *
 *   npm run bench:parser [-- --quick]
 */
import { composeOfflineReply } from "@/lib/ai/offline-reply";
import { corruptJsonText, TEXT_FAULT_MODES, type TextFaultMode } from "@/lib/ai/faults";
import { replySchema } from "@/lib/features/reply";
import { parseStructured } from "@/lib/structured/parse";
import { alternate } from "./lib/alternate";
import { benchArgs, machineLine } from "./lib/args";
import { median } from "./lib/stats";
import { fmt, printTable, ratio } from "./lib/table";

const args = benchArgs();
const ROUNDS = args.quick ? 3 : 11;
const BATCH_MS = args.quick ? 50 : 200;

const QUESTIONS = [
  "How do retries and fallbacks keep an LLM feature up when the provider returns 429 or 500?",
  "Explain why a token budget should be a Postgres ledger rather than a counter in Redis, with the trade-offs of each approach for a small team.",
  "What is the difference between time to first token and total latency, and which one do users notice first in a chat interface?",
  "Summarize: structured output, schema validation, JSON repair, retry with feedback, and evals that gate deploys.",
  "Why does the context window matter when a conversation grows to hundreds of turns?",
  "List the failure modes of streaming JSON from a language model and how each one is repaired.",
  "Write a short note on measuring overhead side by side so a noisy machine cannot fake the figures.",
  "What should happen when the database is down: refuse the request or serve it without accounting?",
];

/** Realistic replies (the offline model's, 0.5–1.5 KB of JSON each), compact as a model streams them. */
const CLEAN = QUESTIONS.map((question) => JSON.stringify(composeOfflineReply([{ role: "user", text: question }])));

type Input = { name: string; texts: Array<{ text: string; finishReason: "stop" | "length" }> };

const inputs: Input[] = [
  { name: "clean", texts: CLEAN.map((text) => ({ text, finishReason: "stop" as const })) },
  ...TEXT_FAULT_MODES.map((mode: TextFaultMode) => ({ name: mode, texts: CLEAN.map((text) => corruptJsonText(text, mode)) })),
];

/** Runs `work` over the texts for about BATCH_MS; operations per second. */
function throughput(texts: Input["texts"], work: (text: string, finishReason: "stop" | "length") => boolean): { perSecond: number; ok: number } {
  let operations = 0;
  let ok = 0;
  const started = performance.now();
  let now = started;
  while (now - started < BATCH_MS) {
    for (const { text, finishReason } of texts) {
      if (work(text, finishReason)) ok++;
      operations++;
    }
    now = performance.now();
  }
  return { perSecond: (operations / (now - started)) * 1000, ok: ok / operations };
}

const structured = (text: string, finishReason: "stop" | "length") => parseStructured(text, replySchema, { finishReason }).ok;
const reference = (text: string) => {
  try {
    return replySchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
};

async function main(): Promise<void> {
  // Warm-up: let the JIT optimize both paths (with every input shape) before anything is timed.
  for (let pass = 0; pass < (args.quick ? 2 : 5); pass++) {
    for (const input of inputs) throughput(input.texts, structured);
    for (let i = 0; i < inputs.length; i++) throughput(inputs[0]!.texts, reference);
  }

  const rows: Array<Array<string | number>> = [];
  for (const input of inputs) {
    const results = await alternate({
      sides: ["parseStructured", "JSON.parse+zod"] as const,
      rounds: ROUNDS,
      // The reference always parses the clean reply: what parsing costs when the model behaves.
      run: async (side) => (side === "parseStructured" ? throughput(input.texts, structured) : throughput(inputs[0]!.texts, reference)),
    });
    const ours = median(results.parseStructured.map((round) => round.perSecond));
    const theirs = median(results["JSON.parse+zod"].map((round) => round.perSecond));
    rows.push([
      input.name,
      fmt(ours, 0),
      fmt(1_000_000 / ours, 1),
      `${Math.round((results.parseStructured[0]?.ok ?? 0) * 100)}%`,
      fmt(theirs, 0),
      fmt(1_000_000 / theirs, 1),
      ratio(ours, theirs),
    ]);
  }
  const bytes = median(CLEAN.map((text) => text.length));
  printTable(
    `Parser: parseStructured vs JSON.parse + zod on the clean reply (median of ${ROUNDS} alternating ${BATCH_MS} ms batches; replies ~${bytes} bytes)`,
    ["reply", "parseStructured/s", "µs each", "valid", "JSON.parse+zod/s", "µs each", "ratio"],
    rows,
  );
  console.log(`machine: ${machineLine()}`);
}

await main();
