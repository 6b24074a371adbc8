import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createOpenAI } from "@ai-sdk/openai";
import { APICallError, generateText, NoOutputGeneratedError, Output, streamText, type FinishReason, type LanguageModelUsage } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { FaultMode } from "./faults.ts";
import { defaultReply, defaultReplyText } from "./reply.ts";
import { startMockLlm, type MockLlm } from "./server.ts";
import { estimateTokens } from "./wire.ts";

const SCRIPTED = '{"answer":"Budgets are reserved before the call and settled after it.","summary":"Reserve, then settle.","tags":["budget"],"confidence":0.9}';
const PROMPT = "How do token budgets work?";

let mock: MockLlm;

beforeAll(async () => {
  mock = await startMockLlm({ chunkSize: 5 });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  mock.setScript();
  mock.setFaults();
  mock.requests.length = 0;
});

function chat(model = "mock-ok", server: MockLlm = mock) {
  return createOpenAI({ baseURL: server.url, apiKey: "test" }).chat(model);
}

type Drained = {
  text: string;
  errorParts: unknown[];
  onErrorCalls: unknown[];
  thrown: unknown;
  raw: unknown[];
  finishReason: FinishReason | undefined;
  usage: LanguageModelUsage | undefined;
  warnings: unknown[];
  firstTextAt: number | undefined;
};

/** Runs streamText through the real client and keeps every observable outcome, including failures. */
async function stream(options: {
  model?: string;
  prompt?: string;
  fault?: FaultMode | "none";
  maxOutputTokens?: number;
  abortSignal?: AbortSignal;
  onText?: () => void;
  server?: MockLlm;
}): Promise<Drained> {
  const onErrorCalls: unknown[] = [];
  const started = Date.now();
  const result = streamText({
    model: chat(options.model, options.server),
    prompt: options.prompt ?? PROMPT,
    maxRetries: 0,
    maxOutputTokens: options.maxOutputTokens,
    abortSignal: options.abortSignal,
    headers: options.fault ? { "x-mock-fault": options.fault } : undefined,
    includeRawChunks: true,
    onError: ({ error }) => {
      onErrorCalls.push(error);
    },
  });
  const drained: Drained = { text: "", errorParts: [], onErrorCalls, thrown: undefined, raw: [], finishReason: undefined, usage: undefined, warnings: [], firstTextAt: undefined };
  try {
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") {
        drained.firstTextAt ??= Date.now() - started;
        drained.text += part.text;
        options.onText?.();
      } else if (part.type === "error") drained.errorParts.push(part.error);
      else if (part.type === "raw") drained.raw.push(part.rawValue);
    }
    drained.finishReason = await result.finishReason;
    drained.usage = await result.usage;
    drained.warnings = (await result.warnings) ?? [];
  } catch (error) {
    drained.thrown = error;
  }
  return drained;
}

function onlyError(drained: Drained): APICallError {
  const errors = [...drained.errorParts, ...drained.onErrorCalls];
  const error = errors[0] ?? drained.thrown;
  if (!APICallError.isInstance(error)) throw new Error(`expected an APICallError, got ${String(error)}`);
  return error;
}

function lastRequest(server: MockLlm = mock) {
  const request = server.requests.at(-1);
  if (!request) throw new Error("the mock saw no request");
  return request;
}

describe("mock LLM through @ai-sdk/openai's chat model", () => {
  it("streams the scripted content and a usage chunk the SDK reports verbatim", async () => {
    mock.setScript([{ content: SCRIPTED }]);
    const result = await stream({});

    expect(result.thrown).toBeUndefined();
    expect(result.errorParts).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.text).toBe(SCRIPTED);
    expect(result.finishReason).toBe("stop");

    // The last raw chunk is the usage-only chunk OpenAI sends for include_usage.
    const usageChunk = z
      .object({ choices: z.array(z.unknown()).length(0), usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() }) })
      .parse(result.raw.at(-1));
    expect(usageChunk.usage.completion_tokens).toBe(estimateTokens(SCRIPTED));
    expect(result.usage?.inputTokens).toBe(usageChunk.usage.prompt_tokens);
    expect(result.usage?.outputTokens).toBe(usageChunk.usage.completion_tokens);
    expect(result.usage?.totalTokens).toBe(usageChunk.usage.total_tokens);
    // Content arrived in chunkSize pieces, one raw chunk each, plus role, finish and usage chunks.
    expect(result.raw).toHaveLength(Math.ceil(SCRIPTED.length / 5) + 3);

    const request = lastRequest();
    expect(request).toMatchObject({ model: "mock-ok", stream: true, includeUsage: true, outcome: "completed", status: 200 });
    expect(request.headers.authorization).toBe("Bearer test");
    expect(request.promptTokens).toBe(usageChunk.usage.prompt_tokens);
  });

  it("answers with a valid, deterministic Ballast reply built from the last user message by default", async () => {
    const first = await stream({ prompt: PROMPT });
    const second = await stream({ prompt: PROMPT });
    expect(JSON.parse(first.text)).toEqual(defaultReply(PROMPT));
    expect(second.text).toBe(first.text);
  });

  it("serves non-streaming completions to generateText with matching usage", async () => {
    mock.setScript([{ content: SCRIPTED }]);
    const result = await generateText({ model: chat(), prompt: PROMPT, maxRetries: 0 });
    expect(result.text).toBe(SCRIPTED);
    expect(result.finishReason).toBe("stop");
    const request = lastRequest();
    expect(request.stream).toBe(false);
    expect(result.usage.inputTokens).toBe(request.promptTokens);
    expect(result.usage.outputTokens).toBe(estimateTokens(SCRIPTED));
    expect(result.warnings).toEqual([]);
  });

  it("records what the client sent: messages, max_tokens and the JSON-schema response_format", async () => {
    const schema = z.object({ answer: z.string(), summary: z.string(), tags: z.array(z.string()), confidence: z.number() });
    const result = streamText({
      model: chat(),
      system: "Reply as JSON.",
      messages: [
        { role: "user", content: "first question" },
        { role: "assistant", content: "first answer" },
        { role: "user", content: PROMPT },
      ],
      maxOutputTokens: 300,
      output: Output.object({ schema }),
      maxRetries: 0,
    });
    expect(await result.output).toEqual(defaultReply(PROMPT));

    const request = lastRequest();
    expect(request.messages.map((message) => message.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(request.maxTokens).toBe(300);
    expect(request.maxCompletionTokens).toBeUndefined();
    expect(request.responseFormat).toMatchObject({ type: "json_schema", json_schema: { name: "response", strict: true } });
  });

  it("stops at max_tokens like a real model, with finish_reason length", async () => {
    const result = await stream({ maxOutputTokens: 5 });
    expect(result.finishReason).toBe("length");
    expect(result.usage?.outputTokens).toBeLessThanOrEqual(5);
    expect(defaultReplyText([{ role: "user", content: PROMPT }]).startsWith(result.text)).toBe(true);
  });
});

describe("fault modes as the SDK surfaces them", () => {
  it("rate_limit: APICallError 429, retryable, Retry-After in responseHeaders", async () => {
    const result = await stream({ fault: "rate_limit" });
    const error = onlyError(result);
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(error.responseHeaders?.["retry-after"]).toBe("2");
    expect(error.data).toMatchObject({ error: { code: "rate_limit_exceeded" } });
    // Before any output the stream yields an error part (and onError) instead of throwing;
    // the result promises then reject with NoOutputGeneratedError.
    expect(result.errorParts).toHaveLength(1);
    expect(NoOutputGeneratedError.isInstance(result.thrown)).toBe(true);

    const thrown = await generateText({ model: chat(), prompt: PROMPT, maxRetries: 0, headers: { "x-mock-fault": "rate_limit" } }).catch((e: unknown) => e);
    expect(APICallError.isInstance(thrown) && thrown.statusCode).toBe(429);
  });

  it("server_error: APICallError 500, retryable, OpenAI's error body", async () => {
    const error = onlyError(await stream({ fault: "server_error" }));
    expect(error.statusCode).toBe(500);
    expect(error.isRetryable).toBe(true);
    expect(error.data).toMatchObject({ error: { type: "server_error" } });
  });

  it("context_length_exceeded: APICallError 400, not retryable, code in data and responseBody", async () => {
    const error = onlyError(await stream({ fault: "context_length_exceeded" }));
    expect(error.statusCode).toBe(400);
    expect(error.isRetryable).toBe(false);
    expect(error.data).toEqual({
      error: {
        message: expect.stringMatching(/^This model's maximum context length is 8192 tokens\. However, your messages resulted in \d+ tokens/),
        type: "invalid_request_error",
        param: "messages",
        code: "context_length_exceeded",
      },
    });
    expect(JSON.parse(error.responseBody ?? "")).toEqual(error.data);
  });

  it("stream_cut: the stream throws a retryable APICallError (status 200, cause 'terminated') after partial text", async () => {
    const result = await stream({ fault: "stream_cut" });
    const full = defaultReplyText([{ role: "user", content: PROMPT }]);
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.text.length).toBeLessThan(full.length);
    expect(full.startsWith(result.text)).toBe(true);
    // Mid-stream failures are thrown from fullStream, not emitted as error parts or passed to onError.
    expect(result.errorParts).toEqual([]);
    expect(result.finishReason).toBeUndefined();
    const error = onlyError(result);
    expect(error.message).toBe("Failed to process successful response");
    expect(error.statusCode).toBe(200);
    expect(error.isRetryable).toBe(true);
    expect(String(error.cause)).toMatch(/terminated/);
    await vi.waitFor(() => expect(lastRequest().outcome).toBe("cut"));

    const thrown = await generateText({ model: chat(), prompt: PROMPT, maxRetries: 0, headers: { "x-mock-fault": "stream_cut" } }).catch((e: unknown) => e);
    expect(APICallError.isInstance(thrown) && thrown.message).toBe("Failed to process successful response");
  });

  it("truncate: finishReason length, cut JSON, usage counts what was sent", async () => {
    const result = await stream({ fault: "truncate" });
    expect(result.finishReason).toBe("length");
    expect(() => JSON.parse(result.text)).toThrow();
    expect(defaultReplyText([{ role: "user", content: PROMPT }]).startsWith(result.text)).toBe(true);
    expect(result.usage?.outputTokens).toBe(estimateTokens(result.text));
  });

  const malformed: [FaultMode, (text: string) => void][] = [
    ["prose", (text) => expect(text).toMatch(/^Sure! .*\n\n\{.*\}\n\nLet me know/s)],
    ["fence", (text) => expect(text).toMatch(/^```json\n\{.*\}\n```$/s)],
    ["trailing_comma", (text) => expect(text).toMatch(/,\n\s*[}\]]/)],
    ["single_quotes", (text) => expect(text).toContain("{'answer': '")],
    ["wrong_types", (text) => expect(JSON.parse(text)).toMatchObject({ confidence: expect.any(String), tags: expect.any(String) })],
    ["missing_field", (text) => expect(Object.keys(JSON.parse(text) as object)).toHaveLength(3)],
  ];
  it.each(malformed)("%s: streams the malformed form with finishReason stop", async (fault, check) => {
    const result = await stream({ fault });
    expect(result.errorParts).toEqual([]);
    expect(result.finishReason).toBe("stop");
    check(result.text);
    expect(lastRequest().fault).toBe(fault);
  });

  it("latency_spike: the first text arrives only after the spike", async () => {
    const slow = await startMockLlm({ latencySpikeMs: 600 });
    try {
      const spiked = await stream({ fault: "latency_spike", server: slow });
      const normal = await stream({ server: slow });
      expect(spiked.firstTextAt).toBeGreaterThanOrEqual(580);
      expect(normal.firstTextAt).toBeLessThan(300);
      expect(spiked.text).toBe(normal.text);
    } finally {
      await slow.close();
    }
  });
});

describe("choosing behaviour", () => {
  it("supports fallback chains by model id: mock-broken always 500s, mock-ok never faults", async () => {
    mock.setFaults({ rate: 1, modes: "all", seed: 3 });
    const outcomes: string[] = [];
    for (const model of ["mock-broken", "mock-ok"]) {
      try {
        await generateText({ model: chat(model), prompt: PROMPT, maxRetries: 0 });
        outcomes.push(`${model}: ok`);
      } catch (error) {
        outcomes.push(`${model}: ${APICallError.isInstance(error) ? error.statusCode : "?"}`);
      }
    }
    expect(outcomes).toEqual(["mock-broken: 500", "mock-ok: ok"]);
    expect((await stream({ model: "mock-fault-fence" })).text.startsWith("```json")).toBe(true);
  });

  it("applies seeded random faults to other model ids, reproducibly, and the header overrides them", async () => {
    const run = async () => {
      mock.setFaults({ rate: 0.5, modes: ["prose", "fence", "server_error"], seed: 42 });
      mock.requests.length = 0;
      for (let index = 0; index < 16; index++) {
        await generateText({ model: chat("mock-chaos"), prompt: PROMPT, maxRetries: 0 }).catch(() => undefined);
      }
      return mock.requests.map((request) => request.fault);
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.some((fault) => fault === null)).toBe(true);
    expect(first.some((fault) => fault !== null)).toBe(true);

    mock.setFaults({ rate: 1, modes: ["server_error"], seed: 1 });
    expect((await stream({ model: "mock-chaos", fault: "none" })).finishReason).toBe("stop");
    expect(onlyError(await stream({ model: "mock-chaos" })).statusCode).toBe(500);
  });

  it("takes scripts as a queue (then defaults) or as a function of the request", async () => {
    mock.setScript([{ content: "one" }, { content: "two", fault: "fence" }]);
    expect((await stream({})).text).toBe("one");
    expect((await stream({})).text).toBe("```json\ntwo\n```");
    expect(JSON.parse((await stream({})).text)).toEqual(defaultReply(PROMPT));

    mock.setScript((request) => ({ content: `${request.model} heard: ${request.lastUserMessage}`, chunkSize: 1 }));
    const result = await stream({ prompt: "hello" });
    expect(result.text).toBe("mock-ok heard: hello");
    expect(result.raw).toHaveLength("mock-ok heard: hello".length + 3);
  });

  it("answers context_length_exceeded for real when prompt plus requested output exceed the window", async () => {
    const small = await startMockLlm({ contextWindow: 100 });
    try {
      expect((await stream({ server: small, prompt: "short" })).finishReason).toBe("stop");
      const tooLong = onlyError(await stream({ server: small, prompt: "word ".repeat(200) }));
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.data).toMatchObject({ error: { code: "context_length_exceeded", message: expect.stringContaining("maximum context length is 100 tokens") } });
      const withOutput = onlyError(await stream({ server: small, prompt: "short", maxOutputTokens: 95 }));
      expect(withOutput.data).toMatchObject({ error: { message: expect.stringContaining("in the completion") } });
    } finally {
      await small.close();
    }
  });
});

describe("transport", () => {
  it("stops streaming when the client aborts, and records the abort", async () => {
    mock.setScript([{ content: "x".repeat(200), chunkSize: 2, chunkDelayMs: 20 }]);
    const controller = new AbortController();
    const result = await stream({ abortSignal: controller.signal, onText: () => controller.abort() });
    expect(result.text.length).toBeLessThan(200);

    const request = lastRequest();
    await vi.waitFor(() => expect(request.outcome).toBe("aborted"));
    const sent = request.chunksSent;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(request.chunksSent).toBe(sent);
    expect(sent).toBeLessThan(100);
  });

  it("lists models and answers unknown routes with an OpenAI-style 404", async () => {
    const models = (await (await fetch(`${mock.url}/models`)).json()) as { object: string; data: { id: string }[] };
    expect(models.object).toBe("list");
    expect(models.data.map((model) => model.id)).toEqual(expect.arrayContaining(["mock-ok", "mock-broken", "mock-fault-stream_cut"]));

    const missing = await fetch(`${mock.url}/embeddings`, { method: "POST" });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { message: "Invalid URL (POST /v1/embeddings)", type: "invalid_request_error", param: null, code: null } });
  });

  it("rejects an unknown x-mock-fault value instead of silently ignoring it", async () => {
    const response = await fetch(`${mock.url}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-mock-fault": "prosee" },
      body: JSON.stringify({ model: "mock-ok", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/prosee.*stream_cut/);
  });

  it("closes promptly with a stream still in flight", async () => {
    const busy = await startMockLlm();
    busy.setScript([{ content: "y".repeat(100), chunkDelayMs: 1000 }]);
    const pending = stream({ server: busy });
    await vi.waitFor(() => expect(busy.requests[0]?.chunksSent).toBeGreaterThan(0));
    const started = Date.now();
    await busy.close();
    expect(Date.now() - started).toBeLessThan(500);
    expect((await pending).thrown).toBeDefined();
  });
});

describe("npm run mock-llm", () => {
  it("starts the CLI, prints the base URL, serves /v1/models and exits on SIGTERM", async () => {
    const root = fileURLToPath(new URL("../../", import.meta.url));
    const child = spawn(process.execPath, ["--experimental-strip-types", "test/mock-llm/cli.ts", "--port", "0", "--fault-rate", "0.3", "--seed", "7"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 10_000);
        const onData = (data: Buffer) => {
          output += data.toString();
          const match = /listening on (http:\/\/\S+\/v1)/.exec(output);
          // Wait for the hint too: stdout may arrive in more than one piece.
          if (match?.[1] && output.includes("npm run dev")) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        };
        child.stdout.on("data", onData);
        child.stderr.on("data", onData);
        child.once("exit", (code) => reject(new Error(`CLI exited with ${code}: ${output}`)));
      });
      expect(output).toContain(`OPENAI_BASE_URL=${url}`);
      const response = await fetch(`${url}/models`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { object: string }).object).toBe("list");

      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
