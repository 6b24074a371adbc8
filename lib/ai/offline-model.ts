import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4FinishReason,
  LanguageModelV4GenerateResult,
  LanguageModelV4Prompt,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { decodeGenerator, encode } from "gpt-tokenizer/encoding/o200k_base";
import { countTokens } from "@/lib/context/count-tokens";
import { composeOfflineReply, type ConversationTurn } from "./offline-reply";

export const OFFLINE_PROVIDER = "ballast.offline";

export type OfflineModelOptions = {
  /** Time to first chunk and mean gap between chunks; each is jittered deterministically. */
  latency?: { firstChunkMs: number; chunkMs: number };
  /** Mixed with a hash of the prompt, so one prompt always streams the same way. */
  seed?: number;
  /** Clock for `response-metadata.timestamp` (tests pin it). */
  now?: () => Date;
};

const DEFAULT_LATENCY = { firstChunkMs: 250, chunkMs: 20 };

/**
 * The built-in model used when no API key is configured: a `LanguageModelV4` that
 * answers with the extractive reply of `composeOfflineReply`, as JSON text, the way
 * a real provider in JSON mode streams it (token-sized deltas, real token usage,
 * `length` finish when `maxOutputTokens` cuts it short). Deterministic per prompt.
 */
export class OfflineModel implements LanguageModelV4 {
  readonly specificationVersion = "v4";
  readonly provider = OFFLINE_PROVIDER;
  readonly modelId = "offline";
  readonly supportedUrls: Record<string, RegExp[]> = {};

  private readonly latency: { firstChunkMs: number; chunkMs: number };
  private readonly seed: number;
  private readonly now: () => Date;

  constructor(options: OfflineModelOptions = {}) {
    this.latency = options.latency ?? DEFAULT_LATENCY;
    this.seed = options.seed ?? 0;
    this.now = options.now ?? (() => new Date());
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    // Like fetch: an already-aborted signal rejects with its reason.
    options.abortSignal?.throwIfAborted();
    const plan = this.plan(options);
    return {
      content: [{ type: "text", text: plan.text }],
      finishReason: plan.finishReason,
      usage: plan.usage,
      response: { id: plan.id, modelId: this.modelId, timestamp: this.now() },
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    options.abortSignal?.throwIfAborted();
    const plan = this.plan(options);
    const random = mulberry32(plan.seed);
    const { firstChunkMs, chunkMs } = this.latency;
    const textId = "text-0";

    // Deltas of 1–4 tokens each, as real providers send them.
    const deltas: string[] = [];
    for (let i = 0; i < plan.pieces.length; ) {
      const take = 1 + Math.floor(random() * 4);
      deltas.push(plan.pieces.slice(i, i + take).join(""));
      i += take;
    }

    const steps: Step[] = [{ delayMs: 0, parts: [{ type: "stream-start", warnings: [] }] }];
    const opening: LanguageModelV4StreamPart[] = [
      { type: "response-metadata", id: plan.id, modelId: this.modelId, timestamp: this.now() },
      { type: "text-start", id: textId },
    ];
    deltas.forEach((delta, i) => {
      const part: LanguageModelV4StreamPart = { type: "text-delta", id: textId, delta };
      steps.push(
        i === 0
          ? { delayMs: firstChunkMs * (0.75 + 0.5 * random()), parts: [...opening, part] }
          : { delayMs: chunkMs * (0.5 + random()), parts: [part] },
      );
    });
    const closing: LanguageModelV4StreamPart[] = [
      { type: "text-end", id: textId },
      { type: "finish", usage: plan.usage, finishReason: plan.finishReason },
    ];
    steps.push(
      deltas.length === 0
        ? { delayMs: firstChunkMs, parts: [...opening, ...closing] }
        : { delayMs: 0, parts: closing },
    );

    return { stream: scheduledStream(steps, options.abortSignal) };
  }

  /** Everything about the answer that does not depend on timing. */
  private plan(options: LanguageModelV4CallOptions) {
    const conversation = conversationFromPrompt(options.prompt);
    const input = promptText(conversation);
    const promptTokens = countTokens(input);
    const fullText = JSON.stringify(composeOfflineReply(conversation));

    const tokens = encode(fullText);
    const limit = options.maxOutputTokens;
    const truncated = limit !== undefined && tokens.length > limit;
    // One string per token (a character split across tokens comes out whole, with the
    // token that completes it), so a cut never leaves half a character.
    const pieces = [...decodeGenerator(truncated ? tokens.slice(0, Math.max(0, limit)) : tokens)];
    const text = pieces.join("");
    const outputTokens = countTokens(text);

    const finishReason: LanguageModelV4FinishReason = truncated
      ? { unified: "length", raw: "length" }
      : { unified: "stop", raw: "stop" };
    const usage: LanguageModelV4Usage = {
      inputTokens: { total: promptTokens, noCache: promptTokens, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: outputTokens, text: outputTokens, reasoning: 0 },
    };
    const hash = fnv1a(input);
    return {
      text,
      pieces,
      finishReason,
      usage,
      id: `offline-${hash.toString(16).padStart(8, "0")}`,
      seed: (this.seed ^ (options.seed ?? 0) ^ hash) >>> 0,
    };
  }
}

/** True for the offline model, also when wrapped by middleware (which keeps `provider`). */
export function isOfflineModel(model: unknown): boolean {
  return (
    model instanceof OfflineModel ||
    (typeof model === "object" && model !== null && "provider" in model && model.provider === OFFLINE_PROVIDER)
  );
}

/** The text turns of a prompt: system messages, user and assistant text parts. Files, tools and reasoning are skipped. */
export function conversationFromPrompt(prompt: LanguageModelV4Prompt): ConversationTurn[] {
  const turns: ConversationTurn[] = [];
  for (const message of prompt) {
    if (message.role === "system") {
      turns.push({ role: "system", text: message.content });
    } else if (message.role === "user" || message.role === "assistant") {
      const text = message.content
        .flatMap((part) => (part.type === "text" ? [part.text] : []))
        .join("\n");
      turns.push({ role: message.role, text });
    }
  }
  return turns;
}

/** What input usage counts: every turn's text, joined by blank lines. */
export function promptText(conversation: readonly ConversationTurn[]): string {
  return conversation.map((turn) => turn.text).join("\n\n");
}

// ---------- scheduling ----------

type Step = { delayMs: number; parts: LanguageModelV4StreamPart[] };

/**
 * Emits each step's parts after its delay, one step per pull (so a slow reader is
 * not flooded). On abort the pending timer is cleared and the stream errors with the
 * signal's reason, as a fetch-backed provider's body stream does; `streamText` turns
 * that into an `abort` part. Cancel by the reader also clears the timer.
 */
function scheduledStream(steps: readonly Step[], signal: AbortSignal | undefined) {
  let index = 0;
  let stopped = false;
  let pending: { timer: ReturnType<typeof setTimeout>; resolve: () => void } | undefined;
  let onAbort: (() => void) | undefined;

  const stop = () => {
    stopped = true;
    if (pending) {
      clearTimeout(pending.timer);
      pending.resolve();
      pending = undefined;
    }
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  };
  const wait = (ms: number) =>
    ms <= 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            pending = undefined;
            resolve();
          }, ms);
          pending = { timer, resolve };
        });

  return new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      if (!signal) return;
      onAbort = () => {
        stop();
        controller.error(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
    },
    async pull(controller) {
      const step = steps[index++];
      if (!step) return;
      await wait(step.delayMs);
      if (stopped) return;
      for (const part of step.parts) controller.enqueue(part);
      if (index >= steps.length) {
        stop();
        controller.close();
      }
    },
    cancel() {
      stop();
    },
  });
}

/** Tiny seeded PRNG (mulberry32): deterministic jitter and chunk sizes, no Math.random. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 32-bit FNV-1a over UTF-16 units: a stable hash of the prompt. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
