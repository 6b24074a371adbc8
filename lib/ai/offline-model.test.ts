import type {
  LanguageModelV4CallOptions,
  LanguageModelV4StreamPart,
} from "@ai-sdk/provider";
import {
  APICallError,
  NoOutputGeneratedError,
  Output,
  generateText,
  streamText,
  wrapLanguageModel,
  type FinishReason,
  type LanguageModelUsage,
} from "ai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { countTokens } from "@/lib/context/count-tokens";
import { replyFeature, replySchema } from "@/lib/features/reply";
import { parseStructured } from "@/lib/structured/parse";
import { corruptJsonText, type FaultMode, type TextFaultMode } from "./faults";
import {
  OFFLINE_PROVIDER_OPTIONS_KEY,
  OfflineModel,
  conversationFromPrompt,
  isOfflineModel,
  type OfflineModelOptions,
  type OfflineProviderOptions,
} from "./offline-model";
import { composeOfflineReply } from "./offline-reply";

const QUESTION =
  "How do I configure Postgres connection pooling for a Next.js app? I deploy it on Vercel with serverless functions.";
const fast = { firstChunkMs: 0, chunkMs: 0 };
const fixedClock = () => new Date("2026-01-01T00:00:00Z");

function callOptions(text = QUESTION, extra: Partial<LanguageModelV4CallOptions> = {}): LanguageModelV4CallOptions {
  return {
    prompt: [
      { role: "system", content: replyFeature.instructions },
      { role: "user", content: [{ type: "text", text }] },
    ],
    ...extra,
  };
}

async function readAll(stream: ReadableStream<LanguageModelV4StreamPart>) {
  const parts: LanguageModelV4StreamPart[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return parts;
    parts.push(value);
  }
}

const deltasOf = (parts: readonly LanguageModelV4StreamPart[]) =>
  parts.flatMap((part) => (part.type === "text-delta" ? [part.delta] : []));

const expectedText = (text = QUESTION) =>
  JSON.stringify(composeOfflineReply([{ role: "user", text }]));

afterEach(() => {
  vi.useRealTimers();
});

describe("OfflineModel identity", () => {
  it("is a v4 language model of the ballast.offline provider", () => {
    const model = new OfflineModel();
    expect(model.specificationVersion).toBe("v4");
    expect(model.provider).toBe("ballast.offline");
    expect(model.modelId).toBe("offline");
    expect(model.supportedUrls).toEqual({});
  });

  it("isOfflineModel recognises it, also behind middleware, and nothing else", () => {
    const model = new OfflineModel();
    expect(isOfflineModel(model)).toBe(true);
    expect(isOfflineModel(wrapLanguageModel({ model, middleware: {} }))).toBe(true);
    expect(isOfflineModel({ provider: "openai.chat", modelId: "gpt-4o" })).toBe(false);
    expect(isOfflineModel("offline")).toBe(false);
    expect(isOfflineModel(null)).toBe(false);
  });
});

describe("conversationFromPrompt", () => {
  it("keeps system, user and assistant text; drops files and tool turns", () => {
    const turns = conversationFromPrompt([
      { role: "system", content: "sys" },
      {
        role: "user",
        content: [
          { type: "text", text: "one" },
          { type: "file", mediaType: "image/png", data: { type: "data", data: "AAAA" } },
          { type: "text", text: "two" },
        ],
      },
      { role: "assistant", content: [{ type: "text", text: "reply" }] },
      { role: "tool", content: [] },
    ]);
    expect(turns).toEqual([
      { role: "system", text: "sys" },
      { role: "user", text: "one\ntwo" },
      { role: "assistant", text: "reply" },
    ]);
  });
});

describe("OfflineModel.doStream", () => {
  it("streams the composed reply as JSON text, in protocol order", async () => {
    const { stream } = await new OfflineModel({ latency: fast }).doStream(callOptions());
    const parts = await readAll(stream);
    const types = parts.map((part) => part.type);
    expect(types.slice(0, 3)).toEqual(["stream-start", "response-metadata", "text-start"]);
    expect(types.slice(-2)).toEqual(["text-end", "finish"]);
    expect(new Set(types.slice(3, -2))).toEqual(new Set(["text-delta"]));

    const text = deltasOf(parts).join("");
    expect(text).toBe(expectedText());
    expect(replySchema.parse(JSON.parse(text))).toEqual(composeOfflineReply([{ role: "user", text: QUESTION }]));
    expect(parts.at(-1)).toMatchObject({ type: "finish", finishReason: { unified: "stop", raw: "stop" } });
    expect(parts[1]).toMatchObject({ type: "response-metadata", modelId: "offline" });
  });

  it("is deterministic: the same prompt gives the identical part sequence", async () => {
    const model = new OfflineModel({ latency: fast, now: fixedClock });
    const first = await readAll((await model.doStream(callOptions())).stream);
    const second = await readAll((await model.doStream(callOptions())).stream);
    expect(second).toEqual(first);
    // Another seed changes where the chunks split, never the text.
    const reseeded = await readAll((await new OfflineModel({ latency: fast, seed: 7 }).doStream(callOptions())).stream);
    expect(deltasOf(reseeded)).not.toEqual(deltasOf(first));
    expect(deltasOf(reseeded).join("")).toBe(deltasOf(first).join(""));
  });

  it("sends many token-sized deltas, not characters and not one blob", async () => {
    const parts = await readAll((await new OfflineModel({ latency: fast }).doStream(callOptions())).stream);
    const deltas = deltasOf(parts);
    const text = deltas.join("");
    expect(deltas.length).toBeGreaterThan(20);
    for (const delta of deltas) {
      expect(delta.length).toBeGreaterThan(0);
      expect(countTokens(delta)).toBeLessThanOrEqual(6);
    }
    const meanChars = text.length / deltas.length;
    expect(meanChars).toBeGreaterThan(2);
    expect(meanChars).toBeLessThan(20);
  });

  it("splits non-Latin text and emoji without breaking characters", async () => {
    const question = "東京で一番おいしいラーメン屋はどこですか？🍜🍜 مرحبا بالعالم";
    const parts = await readAll((await new OfflineModel({ latency: fast }).doStream(callOptions(question))).stream);
    for (const delta of deltasOf(parts)) expect(delta).not.toMatch(/\uFFFD|^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    expect(deltasOf(parts).join("")).toBe(expectedText(question));
  });

  it("reports usage as token counts of the prompt text and of the emitted text", async () => {
    const parts = await readAll((await new OfflineModel({ latency: fast }).doStream(callOptions())).stream);
    const finish = parts.at(-1);
    if (finish?.type !== "finish") throw new Error("no finish part");
    const inputTokens = countTokens(`${replyFeature.instructions}\n\n${QUESTION}`);
    const outputTokens = countTokens(deltasOf(parts).join(""));
    expect(finish.usage.inputTokens).toEqual({ total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 });
    expect(finish.usage.outputTokens).toEqual({ total: outputTokens, text: outputTokens, reasoning: 0 });
  });

  it("waits about firstChunkMs (default ~250 ms) before the first text", async () => {
    vi.useFakeTimers();
    const { stream } = await new OfflineModel().doStream(callOptions());
    const reader = stream.getReader();
    expect((await reader.read()).value?.type).toBe("stream-start");
    let arrived = false;
    const next = reader.read().then((result) => {
      arrived = true;
      return result;
    });
    await vi.advanceTimersByTimeAsync(150);
    expect(arrived).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(arrived).toBe(true);
    expect((await next).value?.type).toBe("response-metadata");
    await reader.cancel();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stops on abort: the stream errors with the abort reason, no more deltas, no timers left", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const model = new OfflineModel({ latency: { firstChunkMs: 10, chunkMs: 10 } });
    const { stream } = await model.doStream(callOptions(QUESTION, { abortSignal: controller.signal }));
    const reader = stream.getReader();
    // Advance fake time only until the read lands, so the next chunk is still pending.
    const readNext = async () => {
      let settled = false;
      const next = reader.read().finally(() => {
        settled = true;
      });
      for (;;) {
        await vi.advanceTimersByTimeAsync(0); // settle what is already queued first
        if (settled) return next;
        await vi.advanceTimersToNextTimerAsync();
      }
    };
    let deltas = 0;
    while (deltas < 3) {
      const { value } = await readNext();
      if (value?.type === "text-delta") deltas++;
    }
    expect(vi.getTimerCount()).toBe(1); // the next delta is scheduled…
    controller.abort();
    expect(vi.getTimerCount()).toBe(0); // …and abort cancelled it
    await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
  });

  it("clears its timer when the reader cancels", async () => {
    vi.useFakeTimers();
    const { stream } = await new OfflineModel().doStream(callOptions());
    const reader = stream.getReader();
    await reader.read(); // stream-start; the first text is now pending on a timer
    void reader.read();
    await vi.advanceTimersByTimeAsync(1); // let the stream pull
    expect(vi.getTimerCount()).toBe(1);
    await reader.cancel();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects at once when the signal is already aborted, like fetch", async () => {
    const model = new OfflineModel({ latency: fast });
    await expect(model.doStream(callOptions(QUESTION, { abortSignal: AbortSignal.abort() }))).rejects.toMatchObject({
      name: "AbortError",
    });
    await expect(model.doGenerate(callOptions(QUESTION, { abortSignal: AbortSignal.abort() }))).rejects.toMatchObject({
      name: "AbortError",
    });
  });

  it("cuts the text at maxOutputTokens and finishes with 'length'", async () => {
    const full = expectedText();
    const parts = await readAll(
      (await new OfflineModel({ latency: fast }).doStream(callOptions(QUESTION, { maxOutputTokens: 20 }))).stream,
    );
    const text = deltasOf(parts).join("");
    const finish = parts.at(-1);
    if (finish?.type !== "finish") throw new Error("no finish part");
    expect(finish.finishReason).toEqual({ unified: "length", raw: "length" });
    expect(full.startsWith(text)).toBe(true);
    expect(text.length).toBeLessThan(full.length);
    expect(finish.usage.outputTokens.total).toBe(countTokens(text));
    expect(finish.usage.outputTokens.total).toBeLessThanOrEqual(20);
    expect(() => JSON.parse(text)).toThrow();
  });

  it("finishes with 'stop' when maxOutputTokens leaves room for the whole reply", async () => {
    const parts = await readAll(
      (await new OfflineModel({ latency: fast }).doStream(callOptions(QUESTION, { maxOutputTokens: 1024 }))).stream,
    );
    expect(deltasOf(parts).join("")).toBe(expectedText());
    expect(parts.at(-1)).toMatchObject({ finishReason: { unified: "stop" } });
  });
});

describe("OfflineModel.doGenerate", () => {
  it("returns the same text and usage as the stream, in one text part", async () => {
    const model = new OfflineModel({ latency: fast });
    const generated = await model.doGenerate(callOptions());
    const parts = await readAll((await model.doStream(callOptions())).stream);
    const finish = parts.at(-1);
    if (finish?.type !== "finish") throw new Error("no finish part");
    expect(generated.content).toEqual([{ type: "text", text: deltasOf(parts).join("") }]);
    expect(generated.usage).toEqual(finish.usage);
    expect(generated.finishReason).toEqual({ unified: "stop", raw: "stop" });
    expect(generated.warnings).toEqual([]);
  });

  it("truncates at maxOutputTokens too", async () => {
    const generated = await new OfflineModel().doGenerate(callOptions(QUESTION, { maxOutputTokens: 5 }));
    const part = generated.content[0];
    expect(part?.type === "text" && part.text.length < expectedText().length).toBe(true);
    expect(generated.finishReason.unified).toBe("length");
  });
});

describe("OfflineModel with the AI SDK's streamText", () => {
  const model = () => new OfflineModel({ latency: { firstChunkMs: 1, chunkMs: 0 } });

  it("yields growing partial objects and a final output equal to the composed reply", async () => {
    const messages = [
      { role: "user" as const, content: "We use Redis for sessions." },
      { role: "assistant" as const, content: "Noted." },
      { role: "user" as const, content: QUESTION },
    ];
    const result = streamText({
      model: model(),
      instructions: replyFeature.instructions,
      messages,
      output: Output.object({ schema: replySchema }),
    });
    const partials: unknown[] = [];
    for await (const partial of result.partialOutputStream) partials.push(partial);

    const expected = composeOfflineReply(messages.map((m) => ({ role: m.role, text: m.content })));
    expect(await result.output).toEqual(expected);
    expect(partials.length).toBeGreaterThan(5);
    const sizes = partials.map((p) => JSON.stringify(p).length);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(partials.at(-1)).toEqual(expected);
    expect(await result.finishReason).toBe("stop");
    const usage = await result.usage;
    expect(usage.outputTokens).toBe(countTokens(JSON.stringify(expected)));
  });

  it("reports an abort: an 'abort' part ends the stream, no deltas after it, onAbort runs", async () => {
    const controller = new AbortController();
    let onAbortCalls = 0;
    const result = streamText({
      model: new OfflineModel({ latency: { firstChunkMs: 1, chunkMs: 20 } }),
      instructions: replyFeature.instructions,
      prompt: QUESTION,
      output: Output.object({ schema: replySchema }),
      abortSignal: controller.signal,
      onAbort: () => {
        onAbortCalls++;
      },
    });
    const types: string[] = [];
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (types.filter((t) => t === "text-delta").length === 3) controller.abort();
    }
    expect(types.at(-1)).toBe("abort");
    expect(types.filter((t) => t === "text-delta")).toHaveLength(3);
    expect(types).not.toContain("finish");
    expect(onAbortCalls).toBe(1);
    await expect(result.output).rejects.toMatchObject({ name: "AbortError" });
  });

  it("surfaces a maxOutputTokens cut as finishReason 'length' and no parsable output", async () => {
    const result = streamText({
      model: model(),
      prompt: QUESTION,
      output: Output.object({ schema: replySchema }),
      maxOutputTokens: 30,
    });
    await result.consumeStream();
    expect(await result.finishReason).toBe("length");
    await expect(result.output).rejects.toThrow(/could not parse/);
  });
});

// ---------- faults ----------

const faultOptions = (fault: unknown) => ({ [OFFLINE_PROVIDER_OPTIONS_KEY]: { fault } }) as { ballast: OfflineProviderOptions };

type Drained = {
  text: string;
  types: string[];
  errorParts: unknown[];
  onErrorCalls: unknown[];
  /** What iterating `fullStream` or awaiting `finishReason` threw. */
  thrown: unknown;
  finishReason: FinishReason | undefined;
  usage: LanguageModelUsage | undefined;
};

/** Runs streamText over the offline model and keeps every observable outcome, like test/mock-llm/server.test.ts does for the real client. */
async function drain(
  fault: FaultMode | undefined,
  options: { prompt?: string; model?: OfflineModelOptions; abortSignal?: AbortSignal } = {},
): Promise<Drained> {
  const onErrorCalls: unknown[] = [];
  const result = streamText({
    model: new OfflineModel({ latency: { firstChunkMs: 1, chunkMs: 0 }, ...options.model }),
    instructions: replyFeature.instructions,
    prompt: options.prompt ?? QUESTION,
    maxRetries: 0,
    abortSignal: options.abortSignal,
    providerOptions: fault ? { ballast: { fault } satisfies OfflineProviderOptions } : undefined,
    onError: ({ error }) => {
      onErrorCalls.push(error);
    },
  });
  const drained: Drained = { text: "", types: [], errorParts: [], onErrorCalls, thrown: undefined, finishReason: undefined, usage: undefined };
  try {
    for await (const part of result.fullStream) {
      drained.types.push(part.type);
      if (part.type === "text-delta") drained.text += part.text;
      else if (part.type === "error") drained.errorParts.push(part.error);
    }
    drained.finishReason = await result.finishReason;
    drained.usage = await result.usage;
  } catch (error) {
    drained.thrown = error;
  }
  return drained;
}

function apiCallError(error: unknown): APICallError {
  if (!APICallError.isInstance(error)) throw new Error(`expected an APICallError, got ${String(error)}`);
  return error;
}

const replyFor = (text = QUESTION) => composeOfflineReply([{ role: "user", text }]);

describe("OfflineModel faults through streamText (maxRetries: 0), as the OpenAI client surfaces them", () => {
  it("no fault, an unknown fault or another provider's options: the normal reply", async () => {
    expect((await drain(undefined)).text).toBe(expectedText());
    for (const providerOptions of [faultOptions("prosee"), faultOptions(42), { openai: { fault: "prose" } }]) {
      const result = streamText({ model: new OfflineModel({ latency: fast }), prompt: QUESTION, maxRetries: 0, providerOptions });
      expect(await result.text).toBe(expectedText());
    }
  });

  it("rate_limit: one 'error' part (and onError) with APICallError 429, retryable, Retry-After; no output", async () => {
    const result = await drain("rate_limit", { model: { retryAfterSeconds: 3 } });
    expect(result.types).toEqual(["start", "error"]);
    expect(result.onErrorCalls).toEqual(result.errorParts);
    const error = apiCallError(result.errorParts[0]);
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(error.responseHeaders?.["retry-after"]).toBe("3");
    expect(error.message).toMatch(/^Rate limit reached for offline in organization .* Please try again in 3s\./);
    expect(error.url).toBe("offline://chat");
    expect(error.requestBodyValues).toEqual({});
    expect(error.data).toMatchObject({ error: { code: "rate_limit_exceeded" } });
    expect(JSON.parse(error.responseBody ?? "")).toEqual(error.data);
    // The result promises reject with NoOutputGeneratedError, as with the real client.
    expect(NoOutputGeneratedError.isInstance(result.thrown)).toBe(true);

    const thrown = await generateText({ model: new OfflineModel({ latency: fast }), prompt: QUESTION, maxRetries: 0, providerOptions: faultOptions("rate_limit") }).catch((e: unknown) => e);
    expect(apiCallError(thrown).statusCode).toBe(429);
    expect(apiCallError(thrown).responseHeaders?.["retry-after"]).toBe("1");
  });

  it("server_error: one 'error' part with APICallError 500, retryable, OpenAI's error body", async () => {
    const result = await drain("server_error");
    expect(result.types).toEqual(["start", "error"]);
    expect(result.onErrorCalls).toHaveLength(1);
    const error = apiCallError(result.errorParts[0]);
    expect(error.statusCode).toBe(500);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toBe("The server had an error while processing your request. Sorry about that!");
    expect(error.data).toMatchObject({ error: { type: "server_error" } });
    expect(NoOutputGeneratedError.isInstance(result.thrown)).toBe(true);
  });

  it("stream_cut: partial text, then fullStream throws APICallError 200 'Failed to process successful response' caused by TypeError terminated", async () => {
    const result = await drain("stream_cut");
    const full = expectedText();
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.text.length).toBeLessThan(full.length * 0.6);
    expect(full.startsWith(result.text)).toBe(true);
    // Mid-stream failures are thrown from fullStream, not emitted as error parts or passed to onError.
    expect(result.errorParts).toEqual([]);
    expect(result.onErrorCalls).toEqual([]);
    expect(result.types).not.toContain("finish");
    expect(result.finishReason).toBeUndefined();
    const error = apiCallError(result.thrown);
    expect(error.message).toBe("Failed to process successful response");
    expect(error.statusCode).toBe(200);
    expect(error.isRetryable).toBe(true);
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(String(error.cause)).toBe("TypeError: terminated");

    const thrown = await generateText({ model: new OfflineModel({ latency: fast }), prompt: QUESTION, maxRetries: 0, providerOptions: faultOptions("stream_cut") }).catch((e: unknown) => e);
    expect(apiCallError(thrown).message).toBe("Failed to process successful response");
  });

  it("stream_cut: about 40% of the deltas, then the model's stream errors (no text-end, no finish)", async () => {
    const model = new OfflineModel({ latency: fast });
    const whole = deltasOf(await readAll((await model.doStream(callOptions())).stream));
    const reader = (await model.doStream(callOptions(QUESTION, { providerOptions: faultOptions("stream_cut") }))).stream.getReader();
    const parts: LanguageModelV4StreamPart[] = [];
    const error = await (async () => {
      for (;;) {
        const next = await reader.read().catch((e: unknown) => ({ error: e }));
        if ("error" in next) return next.error;
        if (next.done) return undefined;
        parts.push(next.value);
      }
    })();
    expect(apiCallError(error).message).toBe("Failed to process successful response");
    expect(deltasOf(parts)).toEqual(whole.slice(0, Math.floor(whole.length * 0.4)));
    expect(parts.map((part) => part.type)).not.toContain("finish");
  });

  it("truncate: finishReason length, the first ~60% of the JSON, usage counts what was sent", async () => {
    const result = await drain("truncate");
    expect(result.finishReason).toBe("length");
    expect(result.text).toBe(corruptJsonText(expectedText(), "truncate").text);
    expect(result.usage?.outputTokens).toBe(countTokens(result.text));
    const parsed = parseStructured(result.text, replySchema, { finishReason: result.finishReason });
    expect(parsed.ok === false && parsed.error.kind).toBe("truncated");
  });

  const recoverable: [TextFaultMode, string, (text: string) => void][] = [
    ["prose", QUESTION, (text) => expect(text).toMatch(/^Sure! .*\n\n\{.*\}\n\nLet me know/s)],
    ["fence", QUESTION, (text) => expect(text).toMatch(/^```json\n\{\n {2}"answer".*\n\}\n```$/s)],
    ["trailing_comma", QUESTION, (text) => expect(text).toMatch(/,\n\s*\]\s*,\n.*,\n\}$/s)],
    ["single_quotes", `${QUESTION} It's "fast" \\ cheap.`, (text) => expect(text).toMatch(/^\{'answer': '.*It\\'s "fast" \\\\ cheap/s)],
    ["wrong_types", QUESTION, (text) => expect(JSON.parse(text)).toMatchObject({ confidence: expect.stringMatching(/^0\.\d+$/), tags: expect.any(Array) })],
    ["wrong_types", "Tell me about Postgres.", (text) => expect(JSON.parse(text)).toMatchObject({ confidence: "0.33", tags: "postgres" })],
  ];
  it.each(recoverable)("%s: streams the malformed text with finishReason stop; parseStructured recovers the exact reply", async (fault, prompt, check) => {
    const result = await drain(fault, { prompt });
    expect(result.errorParts).toEqual([]);
    expect(result.thrown).toBeUndefined();
    expect(result.finishReason).toBe("stop");
    check(result.text);
    expect(result.text).toBe(corruptJsonText(expectedText(prompt), fault).text);
    expect(result.usage?.outputTokens).toBe(countTokens(result.text));
    const parsed = parseStructured(result.text, replySchema, { finishReason: result.finishReason });
    expect(parsed.ok && parsed.value).toEqual(replyFor(prompt));
  });

  it("missing_field: valid JSON without summary; parseStructured reports a schema mismatch (a retry, not a repair)", async () => {
    const result = await drain("missing_field");
    expect(result.finishReason).toBe("stop");
    const { summary: _summary, ...rest } = replyFor();
    expect(JSON.parse(result.text)).toEqual(rest);
    const parsed = parseStructured(result.text, replySchema, { finishReason: result.finishReason });
    expect(parsed.ok === false && parsed.error.kind).toBe("schema_mismatch");
  });

  it("latency_spike: the same text, only later", async () => {
    const result = await drain("latency_spike", { model: { latencySpikeMs: 5 } });
    expect(result.finishReason).toBe("stop");
    expect(result.text).toBe(expectedText());
  });

  it("doGenerate applies text faults too", async () => {
    const generated = await new OfflineModel().doGenerate(callOptions(QUESTION, { providerOptions: faultOptions("fence") }));
    expect(generated.content).toEqual([{ type: "text", text: corruptJsonText(expectedText(), "fence").text }]);
    expect(generated.usage.outputTokens.total).toBe(countTokens(corruptJsonText(expectedText(), "fence").text));
  });
});

describe("OfflineModel fault timing (fake timers)", () => {
  /** Starts a read and reports whether it has landed. */
  function pendingRead(reader: ReadableStreamDefaultReader<LanguageModelV4StreamPart>) {
    const state = { arrived: false, result: reader.read().finally(() => (state.arrived = true)) };
    return state;
  }

  it("latency_spike: the first delta arrives after latencySpikeMs instead of firstChunkMs", async () => {
    vi.useFakeTimers();
    const model = new OfflineModel({ latencySpikeMs: 5000 });
    const { stream } = await model.doStream(callOptions(QUESTION, { providerOptions: faultOptions("latency_spike") }));
    const reader = stream.getReader();
    expect((await reader.read()).value?.type).toBe("stream-start");
    const next = pendingRead(reader);
    await vi.advanceTimersByTimeAsync(4900);
    expect(next.arrived).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(next.arrived).toBe(true);
    expect((await next.result).value?.type).toBe("response-metadata");
    // The rest of the text follows at the normal pace; the first delta came with the metadata.
    await reader.read(); // text-start
    expect((await reader.read()).value?.type).toBe("text-delta");
    await reader.cancel();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("latency_spike: an abort during the spike ends the stream at once and leaves no timer", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const model = new OfflineModel({ latencySpikeMs: 60_000 });
    const { stream } = await model.doStream(
      callOptions(QUESTION, { providerOptions: faultOptions("latency_spike"), abortSignal: controller.signal }),
    );
    const reader = stream.getReader();
    await reader.read(); // stream-start
    const next = pendingRead(reader);
    await vi.advanceTimersByTimeAsync(1000);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    expect(vi.getTimerCount()).toBe(0);
    await expect(next.result).rejects.toMatchObject({ name: "AbortError" });
  });

  it("latency_spike through streamText: no text before the spike", async () => {
    vi.useFakeTimers();
    const result = streamText({
      model: new OfflineModel({ latencySpikeMs: 5000 }),
      prompt: QUESTION,
      maxRetries: 0,
      providerOptions: faultOptions("latency_spike"),
    });
    let firstTextAt: number | undefined;
    const started = Date.now();
    const consumed = (async () => {
      for await (const part of result.textStream) firstTextAt ??= part.length > 0 ? Date.now() - started : undefined;
    })();
    await vi.advanceTimersByTimeAsync(4900);
    expect(firstTextAt).toBeUndefined();
    await vi.runAllTimersAsync();
    await consumed;
    expect(firstTextAt).toBeGreaterThanOrEqual(5000);
    expect(await result.text).toBe(expectedText());
  });

  it.each(["rate_limit", "server_error"] as const)("%s: doStream rejects after the first-chunk delay, not before", async (fault) => {
    vi.useFakeTimers();
    const model = new OfflineModel({ latency: { firstChunkMs: 300, chunkMs: 20 } });
    let settled = false;
    const call = model.doStream(callOptions(QUESTION, { providerOptions: faultOptions(fault) })).finally(() => (settled = true));
    call.catch(() => undefined);
    await vi.advanceTimersByTimeAsync(250);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    await expect(call).rejects.toMatchObject({ statusCode: fault === "rate_limit" ? 429 : 500 });
  });

  it("rate_limit: an abort during the wait rejects with the abort reason and leaves no timer", async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const model = new OfflineModel({ latency: { firstChunkMs: 300, chunkMs: 20 } });
    const options = callOptions(QUESTION, { providerOptions: faultOptions("rate_limit"), abortSignal: controller.signal });
    const calls = [model.doStream(options), model.doGenerate(options)].map((call) => call.catch((error: unknown) => error));
    await vi.advanceTimersByTimeAsync(100);
    expect(vi.getTimerCount()).toBe(2);
    controller.abort();
    expect(vi.getTimerCount()).toBe(0);
    for (const error of await Promise.all(calls)) expect(error).toMatchObject({ name: "AbortError" });
  });

  it("doGenerate: latency_spike delays the whole reply by latencySpikeMs", async () => {
    vi.useFakeTimers();
    let settled = false;
    const call = new OfflineModel({ latencySpikeMs: 5000 })
      .doGenerate(callOptions(QUESTION, { providerOptions: faultOptions("latency_spike") }))
      .finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(4900);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect((await call).content).toEqual([{ type: "text", text: expectedText() }]);
  });
});
