import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  corruptContent,
  createFaultPicker,
  FAULT_MODES,
  isContentFault,
  isFaultMode,
  type FaultConfig,
  type FaultMode,
  type FaultPicker,
} from "./faults.ts";
import { defaultReplyText, lastUserMessage } from "./reply.ts";
import { cutToTokens, sendCompletion, sendJson, splitCodePoints, streamReply, type Reply } from "./respond.ts";
import {
  contextLengthBody,
  countPromptTokens,
  errorBody,
  estimateTokens,
  modelList,
  rateLimitBody,
  serverErrorBody,
  usageOf,
  type ChatMessage,
  type FinishReason,
  type OpenAIErrorBody,
} from "./wire.ts";

/** What one request gets back. Every field may come from a script, a model rule or the defaults. */
export type ReplyPlan = {
  /** Text to send; defaults to a valid Ballast reply built from the last user message. */
  content: string;
  /** Code points per streamed chunk. */
  chunkSize: number;
  firstChunkDelayMs: number;
  chunkDelayMs: number;
  /** A fault to inject; `null` forces a clean reply (no random fault either). */
  fault: FaultMode | null;
};

/** What a script sees of a request when it decides the reply. */
export type ScriptRequest = {
  /** 0-based count of chat requests this server has received. */
  index: number;
  model: string;
  messages: ChatMessage[];
  lastUserMessage: string;
  stream: boolean;
  body: Record<string, unknown>;
  headers: Record<string, string>;
};

/** A function deciding each reply, or a queue consumed one entry per request (then defaults). */
export type Script = ((request: ScriptRequest) => Partial<ReplyPlan> | undefined) | readonly Partial<ReplyPlan>[];

/** `aborted`: the client went away first; `cut`: the server dropped the socket on purpose (stream_cut). */
export type RequestOutcome = "pending" | "completed" | "aborted" | "cut";

export type RecordedRequest = {
  id: string;
  index: number;
  receivedAt: number;
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  includeUsage: boolean;
  maxTokens: number | undefined;
  maxCompletionTokens: number | undefined;
  responseFormat: unknown;
  /** authorization, content-type, user-agent and every `x-*` header. */
  headers: Record<string, string>;
  body: Record<string, unknown>;
  promptTokens: number;
  fault: FaultMode | null;
  status: number;
  /** Content chunks written (streaming only). */
  chunksSent: number;
  outcome: RequestOutcome;
};

export type MockLlmOptions = {
  port?: number;
  host?: string;
  script?: Script;
  /** Per-model plans, e.g. `{ "mock-slow": { firstChunkDelayMs: 2000 } }`; an entry replaces a built-in id's plan. */
  models?: Record<string, Partial<ReplyPlan>>;
  faults?: FaultConfig;
  chunkSize?: number;
  firstChunkDelayMs?: number;
  chunkDelayMs?: number;
  /** Delay before the first chunk under `latency_spike` (default 8000). */
  latencySpikeMs?: number;
  /** `Retry-After` seconds under `rate_limit` (default 2). */
  retryAfterSeconds?: number;
  /** When set, prompt + requested completion tokens above it answer context_length_exceeded for real. */
  contextWindow?: number;
  /** Token counter for usage and the context check (default: ceil(chars / 4)). */
  countTokens?: (text: string) => number;
  /** Called once per chat request when its outcome is known (the CLI logs with it). */
  onRequestEnd?: (request: RecordedRequest) => void;
  /**
   * How long an idle keep-alive connection stays open (Node's default is 5 s). Hosted
   * providers keep theirs far longer; a client that reuses a connection just as the
   * server drops it sees a reset that a real provider would rarely cause.
   */
  keepAliveTimeoutMs?: number;
};

export type MockLlm = {
  /** Base URL ending in `/v1`, ready for `createOpenAI({ baseURL })`. */
  url: string;
  port: number;
  requests: RecordedRequest[];
  setScript(script?: Script): void;
  setFaults(faults?: FaultConfig): void;
  close(): Promise<void>;
};

const FAULT_HEADER = "x-mock-fault";
const DEFAULT_CONTEXT_WINDOW = 8192;
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * Built-in model ids, so fallback chains are testable without options: `mock-ok` never
 * faults, `mock-broken` always 500s, `mock-fault-<mode>` always has that fault; any other
 * id gets the seeded random faults.
 */
function builtInModelPlan(model: string): Partial<ReplyPlan> | undefined {
  if (model === "mock-ok") return { fault: null };
  if (model === "mock-broken") return { fault: "server_error" };
  const forced = model.startsWith("mock-fault-") ? model.slice("mock-fault-".length) : "";
  return isFaultMode(forced) ? { fault: forced } : undefined;
}

export async function startMockLlm(options: MockLlmOptions = {}): Promise<MockLlm> {
  const host = options.host ?? "127.0.0.1";
  const count = options.countTokens ?? estimateTokens;
  const requests: RecordedRequest[] = [];
  const inFlight = new Set<AbortController>();
  let script = toScriptFn(options.script);
  let picker: FaultPicker | null = options.faults ? createFaultPicker(options.faults) : null;
  let received = 0;

  const modelIds = [
    ...new Set(["mock-ok", "mock-broken", "mock-chaos", ...Object.keys(options.models ?? {}), ...FAULT_MODES.map((mode) => `mock-fault-${mode}`)]),
  ];
  const startedAt = Math.floor(Date.now() / 1000);

  function modelPlan(model: string): Partial<ReplyPlan> | undefined {
    const custom = options.models && Object.hasOwn(options.models, model) ? options.models[model] : undefined;
    return custom ?? builtInModelPlan(model);
  }

  async function handleChat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return sendJson(res, 400, errorBody("We could not parse the JSON body of your request.", "invalid_request_error", null, null));
    }
    if (!isRecord(body) || typeof body.model !== "string") {
      return sendJson(res, 400, errorBody("you must provide a model parameter", "invalid_request_error", null, null));
    }
    const messages = Array.isArray(body.messages) ? body.messages.filter(isChatMessage) : [];
    if (!Array.isArray(body.messages) || messages.length !== body.messages.length || messages.length === 0) {
      return sendJson(res, 400, errorBody("Invalid 'messages': expected a non-empty array of messages with a role.", "invalid_request_error", "messages", null));
    }
    const headers = pickHeaders(req);
    const headerFault = headers[FAULT_HEADER];
    if (headerFault !== undefined && headerFault !== "none" && !isFaultMode(headerFault)) {
      return sendJson(res, 400, errorBody(`Unknown ${FAULT_HEADER} "${headerFault}"; expected none or one of: ${FAULT_MODES.join(", ")}`, "invalid_request_error", null, null));
    }

    const index = received++;
    const stream = body.stream === true;
    const scripted = script?.({ index, model: body.model, messages, lastUserMessage: lastUserMessage(messages), stream, body, headers }) ?? {};
    const fromModel = modelPlan(body.model) ?? {};
    // Explicit beats implicit: the header, then the script, then the model id, then chance.
    const fault: FaultMode | null =
      headerFault !== undefined
        ? headerFault === "none"
          ? null
          : headerFault
        : scripted.fault !== undefined
          ? scripted.fault
          : fromModel.fault !== undefined
            ? fromModel.fault
            : (picker?.next() ?? null);
    const plan: ReplyPlan = {
      content: scripted.content ?? fromModel.content ?? defaultReplyText(messages),
      chunkSize: Math.max(1, scripted.chunkSize ?? fromModel.chunkSize ?? options.chunkSize ?? 8),
      firstChunkDelayMs: scripted.firstChunkDelayMs ?? fromModel.firstChunkDelayMs ?? options.firstChunkDelayMs ?? 0,
      chunkDelayMs: scripted.chunkDelayMs ?? fromModel.chunkDelayMs ?? options.chunkDelayMs ?? 0,
      fault,
    };

    const maxTokens = numberOrUndefined(body.max_tokens);
    const maxCompletionTokens = numberOrUndefined(body.max_completion_tokens);
    const record: RecordedRequest = {
      id: `chatcmpl-${randomUUID().replaceAll("-", "")}`,
      index,
      receivedAt: Date.now(),
      model: body.model,
      messages,
      stream,
      includeUsage: isRecord(body.stream_options) && body.stream_options.include_usage === true,
      maxTokens,
      maxCompletionTokens,
      responseFormat: body.response_format,
      headers,
      body,
      promptTokens: countPromptTokens(messages, count),
      fault,
      status: 0,
      chunksSent: 0,
      outcome: "pending",
    };
    requests.push(record);
    const settle = (outcome: RequestOutcome) => {
      if (record.outcome !== "pending") return;
      record.outcome = outcome;
      options.onRequestEnd?.(record);
    };
    const fail = (status: number, errorJson: OpenAIErrorBody, extraHeaders: Record<string, string> = {}) => {
      record.status = status;
      sendJson(res, status, errorJson, { "x-request-id": record.id, ...extraHeaders });
      settle("completed");
    };

    // A real window check comes first: a real server validates before anything can go wrong.
    const requestedCompletion = maxCompletionTokens ?? maxTokens ?? 0;
    if (options.contextWindow !== undefined && record.promptTokens + requestedCompletion > options.contextWindow) {
      return fail(400, contextLengthBody(options.contextWindow, record.promptTokens, requestedCompletion));
    }
    if (fault === "context_length_exceeded") {
      const window = options.contextWindow ?? DEFAULT_CONTEXT_WINDOW;
      return fail(400, contextLengthBody(window, Math.max(record.promptTokens, window + 1), 0));
    }
    if (fault === "rate_limit") {
      const seconds = options.retryAfterSeconds ?? 2;
      return fail(429, rateLimitBody(record.model, seconds), {
        "retry-after": String(seconds),
        "x-ratelimit-limit-requests": "60",
        "x-ratelimit-remaining-requests": "0",
        "x-ratelimit-reset-requests": `${seconds}s`,
      });
    }
    if (fault === "server_error") return fail(500, serverErrorBody());

    let content = plan.content;
    let finishReason: FinishReason = "stop";
    if (fault !== null && isContentFault(fault)) ({ content, finishReason } = corruptContent(fault, content));
    // Like a real model, stop at the requested output limit and say so.
    if (requestedCompletion > 0 && count(content) > requestedCompletion) {
      content = cutToTokens(content, requestedCompletion, count);
      finishReason = "length";
    }

    const controller = new AbortController();
    inFlight.add(controller);
    res.on("close", () => {
      // `close` also fires after a normal end; only an unfinished response means the client left.
      if (!res.writableFinished) settle("aborted");
      controller.abort();
      inFlight.delete(controller);
    });

    const pieces = splitCodePoints(content, plan.chunkSize);
    const reply: Reply = {
      meta: { id: record.id, created: Math.floor(record.receivedAt / 1000), model: record.model },
      pieces,
      finishReason,
      usage: usageOf(record.promptTokens, count(content)),
      firstDelayMs: fault === "latency_spike" ? (options.latencySpikeMs ?? 8000) : plan.firstChunkDelayMs,
      chunkDelayMs: plan.chunkDelayMs,
      cut: fault === "stream_cut",
    };
    try {
      record.status = 200;
      if (stream) await streamReply(res, record, reply, controller.signal);
      else await sendCompletion(res, reply, controller.signal);
      if (reply.cut) {
        // Settle first so the close this destroy() causes is not mistaken for a client abort.
        settle("cut");
        res.destroy();
      } else settle("completed");
    } catch (error) {
      if (!controller.signal.aborted && !res.destroyed) throw error;
      // The client aborted (or the server is closing): stop quietly, timers are already cancelled.
    }
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(`Mock server bug: ${String(error)}`, "server_error", null, null));
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://mock").pathname;
    if (req.method === "POST" && path === "/v1/chat/completions") return handleChat(req, res);
    if (req.method === "GET" && path === "/v1/models") return sendJson(res, 200, modelList(modelIds, startedAt));
    sendJson(res, 404, errorBody(`Invalid URL (${req.method ?? "GET"} ${path})`, "invalid_request_error", null, null));
  }

  if (options.keepAliveTimeoutMs !== undefined) server.keepAliveTimeout = options.keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}/v1`,
    port,
    requests,
    setScript(next) {
      script = toScriptFn(next);
    },
    setFaults(next) {
      picker = next ? createFaultPicker(next) : null;
    },
    async close() {
      for (const controller of inFlight) controller.abort();
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      // Keep-alive sockets from the SDK's fetch would otherwise hold close() open.
      server.closeAllConnections();
      await closed;
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    const buffer = Buffer.isBuffer(part) ? part : Buffer.from(String(part));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function pickHeaders(req: IncomingMessage): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (name.startsWith("x-") || name === "authorization" || name === "content-type" || name === "user-agent") {
      picked[name] = Array.isArray(value) ? value.join(", ") : value;
    }
  }
  return picked;
}

function toScriptFn(script: Script | undefined): ((request: ScriptRequest) => Partial<ReplyPlan> | undefined) | undefined {
  if (script === undefined || typeof script === "function") return script;
  const queue = [...script];
  return () => queue.shift();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isChatMessage(value: unknown): value is ChatMessage {
  return isRecord(value) && typeof value.role === "string";
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
