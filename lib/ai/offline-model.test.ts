import type {
  LanguageModelV4CallOptions,
  LanguageModelV4StreamPart,
} from "@ai-sdk/provider";
import { Output, streamText, wrapLanguageModel } from "ai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { countTokens } from "@/lib/context/count-tokens";
import { replyFeature, replySchema } from "@/lib/features/reply";
import { OfflineModel, conversationFromPrompt, isOfflineModel } from "./offline-model";
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
