import {
  APICallError,
  type LanguageModelV4,
  type LanguageModelV4CallOptions,
  type LanguageModelV4FinishReason,
  type LanguageModelV4GenerateResult,
  type LanguageModelV4Prompt,
  type LanguageModelV4StreamPart,
  type LanguageModelV4StreamResult,
  type LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { decodeGenerator, encode } from "gpt-tokenizer/encoding/o200k_base";
import { countTokens } from "@/lib/context/count-tokens";
import { FEEDBACK_PREFIX } from "@/lib/structured/feedback";
import { corruptJsonText, isFaultMode, isTextFaultMode, mulberry32, type FaultMode } from "./faults";
import { composeOfflineReply, type ConversationTurn } from "./offline-reply";

export const OFFLINE_PROVIDER = "ballast.offline";

/** Where a call asks for a fault: `providerOptions: { ballast: { fault: "prose" } }`. */
export const OFFLINE_PROVIDER_OPTIONS_KEY = "ballast";

export type OfflineProviderOptions = { fault?: FaultMode };

export type OfflineModelOptions = {
  /** Time to first chunk and mean gap between chunks; each is jittered deterministically. */
  latency?: { firstChunkMs: number; chunkMs: number };
  /** Mixed with a hash of the prompt, so one prompt always streams the same way. */
  seed?: number;
  /** Clock for `response-metadata.timestamp` (tests pin it). */
  now?: () => Date;
  /** Time to first chunk under the `latency_spike` fault (default 8000 ms). */
  latencySpikeMs?: number;
  /** `Retry-After` seconds under the `rate_limit` fault (default 1). */
  retryAfterSeconds?: number;
  /** Model id to report (default "offline"); a second instance can stand in as a fallback model. */
  modelId?: string;
};

const DEFAULT_LATENCY = { firstChunkMs: 250, chunkMs: 20 };
const DEFAULT_LATENCY_SPIKE_MS = 8000;
const DEFAULT_RETRY_AFTER_SECONDS = 1;
/** Share of the deltas sent before a `stream_cut` drops the connection. */
const STREAM_CUT_SHARE = 0.4;

/**
 * The built-in model used when no API key is configured: a `LanguageModelV4` that
 * answers with the extractive reply of `composeOfflineReply`, as JSON text, the way
 * a real provider in JSON mode streams it (token-sized deltas, real token usage,
 * `length` finish when `maxOutputTokens` cuts it short). Deterministic per prompt.
 *
 * A call can ask for one fault (`providerOptions.ballast.fault`, see `FaultMode`);
 * each one surfaces through the AI SDK exactly as the same failure from the OpenAI
 * client does, so the reliability layer can be exercised without a server.
 */
export class OfflineModel implements LanguageModelV4 {
  readonly specificationVersion = "v4";
  readonly provider = OFFLINE_PROVIDER;
  readonly modelId: string;
  readonly supportedUrls: Record<string, RegExp[]> = {};

  private readonly latency: { firstChunkMs: number; chunkMs: number };
  private readonly seed: number;
  private readonly now: () => Date;
  private readonly latencySpikeMs: number;
  private readonly retryAfterSeconds: number;

  constructor(options: OfflineModelOptions = {}) {
    this.modelId = options.modelId ?? "offline";
    this.latency = options.latency ?? DEFAULT_LATENCY;
    this.seed = options.seed ?? 0;
    this.now = options.now ?? (() => new Date());
    this.latencySpikeMs = options.latencySpikeMs ?? DEFAULT_LATENCY_SPIKE_MS;
    this.retryAfterSeconds = options.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    // Like fetch: an already-aborted signal rejects with its reason.
    options.abortSignal?.throwIfAborted();
    const fault = faultOf(options);
    // The whole body arrives at once, so a cut stream fails the call like an HTTP error.
    const failure = fault === "stream_cut" ? streamCutError() : this.requestError(fault);
    if (failure) {
      await sleep(this.latency.firstChunkMs, options.abortSignal);
      throw failure;
    }
    if (fault === "latency_spike") await sleep(this.latencySpikeMs, options.abortSignal);
    const plan = this.plan(options, fault);
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
    const fault = faultOf(options);
    // An HTTP error arrives instead of the response, so doStream itself rejects (as the
    // OpenAI client's does); streamText turns that into an `error` part.
    const failure = this.requestError(fault);
    if (failure) {
      await sleep(this.latency.firstChunkMs, options.abortSignal);
      throw failure;
    }
    const plan = this.plan(options, fault);
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
    const cut = fault === "stream_cut";
    const sent = cut ? deltas.slice(0, Math.max(1, Math.floor(deltas.length * STREAM_CUT_SHARE))) : deltas;

    const steps: Step[] = [{ delayMs: 0, parts: [{ type: "stream-start", warnings: [] }] }];
    const opening: LanguageModelV4StreamPart[] = [
      { type: "response-metadata", id: plan.id, modelId: this.modelId, timestamp: this.now() },
      { type: "text-start", id: textId },
    ];
    const spike = fault === "latency_spike" ? this.latencySpikeMs : undefined;
    sent.forEach((delta, i) => {
      const part: LanguageModelV4StreamPart = { type: "text-delta", id: textId, delta };
      steps.push(
        i === 0
          ? { delayMs: spike ?? firstChunkMs * (0.75 + 0.5 * random()), parts: [...opening, part] }
          : { delayMs: chunkMs * (0.5 + random()), parts: [part] },
      );
    });
    if (cut) {
      // No text-end, no finish, no usage: the body stream just errors, as an undici
      // body does when the socket drops, wrapped the way the OpenAI client wraps it.
      steps.push({ delayMs: chunkMs * (0.5 + random()), parts: [], error: streamCutError() });
    } else {
      const closing: LanguageModelV4StreamPart[] = [
        { type: "text-end", id: textId },
        { type: "finish", usage: plan.usage, finishReason: plan.finishReason },
      ];
      steps.push(
        sent.length === 0
          ? { delayMs: spike ?? firstChunkMs, parts: [...opening, ...closing] }
          : { delayMs: 0, parts: closing },
      );
    }

    return { stream: scheduledStream(steps, options.abortSignal) };
  }

  /** The 429 or 500 a `rate_limit` or `server_error` fault answers with, shaped like OpenAI's. */
  private requestError(fault: FaultMode | undefined): APICallError | undefined {
    if (fault === "rate_limit") {
      const seconds = this.retryAfterSeconds;
      return httpError(
        429,
        {
          message: `Rate limit reached for ${this.modelId} in organization org-ballast-offline on requests per min (RPM): Limit 60, Used 60, Requested 1. Please try again in ${seconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
          type: "requests",
          param: "requests",
          code: "rate_limit_exceeded",
        },
        { "retry-after": String(seconds) },
      );
    }
    if (fault === "server_error") {
      return httpError(500, {
        message: "The server had an error while processing your request. Sorry about that!",
        type: "server_error",
        param: null,
        code: null,
      });
    }
    return undefined;
  }

  /** Everything about the answer that does not depend on timing. */
  private plan(options: LanguageModelV4CallOptions, fault: FaultMode | undefined) {
    const conversation = conversationFromPrompt(options.prompt);
    const input = promptText(conversation);
    const promptTokens = countTokens(input);
    const json = JSON.stringify(fieldsAskedFor(composeOfflineReply(conversation), options.responseFormat));
    // A text fault rewrites the reply before it is tokenized, so chunks and usage follow the corrupted text.
    const corrupted = isTextFaultMode(fault) ? corruptJsonText(json, fault) : { text: json, finishReason: "stop" as const };
    const fullText = corrupted.text;

    const tokens = encode(fullText);
    const limit = options.maxOutputTokens;
    const truncated = limit !== undefined && tokens.length > limit;
    // One string per token (a character split across tokens comes out whole, with the
    // token that completes it), so a cut never leaves half a character.
    const pieces = [...decodeGenerator(truncated ? tokens.slice(0, Math.max(0, limit)) : tokens)];
    const text = pieces.join("");
    const outputTokens = countTokens(text);

    const cutShort = truncated || corrupted.finishReason === "length";
    const finishReason: LanguageModelV4FinishReason = cutShort
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

/** The fault a call asks for; anything that is not a known mode is ignored. */
function faultOf(options: LanguageModelV4CallOptions): FaultMode | undefined {
  const fault = options.providerOptions?.[OFFLINE_PROVIDER_OPTIONS_KEY]?.fault;
  return isFaultMode(fault) ? fault : undefined;
}

const OFFLINE_URL = "offline://chat";

type OpenAIErrorBody = { message: string; type: string; param: string | null; code: string | null };

function httpError(statusCode: number, error: OpenAIErrorBody, headers: Record<string, string> = {}): APICallError {
  const data = { error };
  return new APICallError({
    message: error.message,
    url: OFFLINE_URL,
    requestBodyValues: {},
    statusCode,
    responseHeaders: { "content-type": "application/json", ...headers },
    responseBody: JSON.stringify(data),
    data,
    isRetryable: true,
  });
}

/** What the OpenAI client reports when the response body stops mid-stream. */
function streamCutError(): APICallError {
  return new APICallError({
    message: "Failed to process successful response",
    url: OFFLINE_URL,
    requestBodyValues: {},
    statusCode: 200,
    responseHeaders: { "content-type": "text/event-stream" },
    cause: new TypeError("terminated"),
    isRetryable: true,
  });
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
      // A retry's feedback turn (and the failed reply before it) is Ballast talking to
      // the model, not the visitor: an extractive model must answer the question again.
      if (message.role === "user" && text.startsWith(FEEDBACK_PREFIX)) {
        if (turns.at(-1)?.role === "assistant") turns.pop();
        continue;
      }
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

/** A step with `error` errors the stream after its parts (a dropped connection). */
type Step = { delayMs: number; parts: LanguageModelV4StreamPart[]; error?: unknown };

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
      if (step.error !== undefined) {
        stop();
        controller.error(step.error);
      } else if (index >= steps.length) {
        stop();
        controller.close();
      }
    },
    cancel() {
      stop();
    },
  });
}

/** Waits `ms`, or rejects with the abort reason as soon as the signal fires; leaves no timer behind. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    if (ms <= 0) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
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

/**
 * The reply restricted to the fields the caller's JSON schema asks for, in the
 * schema's order, as a model in JSON mode would answer (Summarize asks for no
 * `answer`). Without a schema the whole reply is sent.
 */
function fieldsAskedFor(reply: Record<string, unknown>, format: LanguageModelV4CallOptions["responseFormat"]): Record<string, unknown> {
  const properties = format?.type === "json" ? (format.schema as { properties?: Record<string, unknown> } | undefined)?.properties : undefined;
  if (!properties) return reply;
  const picked = Object.keys(properties).filter((key) => key in reply);
  return picked.length === 0 ? reply : Object.fromEntries(picked.map((key) => [key, reply[key]]));
}
