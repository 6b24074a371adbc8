/** Writing one reply to the socket: SSE or JSON, with its timing and the stream_cut fault. */
import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { chunk, completion, sseData, usageChunk, type CompletionMeta, type FinishReason, type Usage } from "./wire.ts";

export type Reply = {
  meta: CompletionMeta;
  pieces: string[];
  finishReason: FinishReason;
  usage: Usage;
  firstDelayMs: number;
  chunkDelayMs: number;
  cut: boolean;
};

export async function streamReply(res: ServerResponse, record: { includeUsage: boolean; chunksSent: number }, reply: Reply, signal: AbortSignal): Promise<void> {
  const { meta, pieces } = reply;
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", "x-request-id": meta.id });
  // Headers go out at once, as a real server's do; the wait is for the first token.
  res.flushHeaders();
  await pause(reply.firstDelayMs, signal);
  res.write(sseData(chunk(meta, { role: "assistant", content: "", refusal: null }, null, record.includeUsage)));
  const sendCount = reply.cut ? Math.max(1, Math.floor(pieces.length / 2)) : pieces.length;
  for (let index = 0; index < sendCount; index++) {
    if (index > 0) await pause(reply.chunkDelayMs, signal);
    await write(res, sseData(chunk(meta, { content: pieces[index] ?? "" }, null, record.includeUsage)));
    record.chunksSent++;
  }
  // stream_cut: no finish chunk, no usage, no [DONE]; the caller drops the connection.
  if (reply.cut) return;
  if (sendCount > 0) await pause(reply.chunkDelayMs, signal);
  res.write(sseData(chunk(meta, {}, reply.finishReason, record.includeUsage)));
  if (record.includeUsage) res.write(sseData(usageChunk(meta, reply.usage)));
  res.end(sseData("[DONE]"));
}

export async function sendCompletion(res: ServerResponse, reply: Reply, signal: AbortSignal): Promise<void> {
  // Emulate generation time as if the reply had been streamed.
  await pause(reply.firstDelayMs + reply.chunkDelayMs * Math.max(0, reply.pieces.length - 1), signal);
  const text = JSON.stringify(completion(reply.meta, reply.pieces.join(""), reply.finishReason, reply.usage));
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "x-request-id": reply.meta.id });
  if (!reply.cut) {
    res.end(text);
    return;
  }
  // Half a body against a full content-length; the caller drops the connection.
  await write(res, text.slice(0, Math.floor(text.length / 2)));
}

export function sendJson(res: ServerResponse, status: number, value: object, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Resolves once the data is handed to the OS, so a following destroy() cannot drop it. */
export function write(res: ServerResponse, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (res.destroyed) return reject(new Error("response destroyed"));
    res.write(data, (error) => (error ? reject(error) : resolve()));
  });
}

export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  if (ms > 0) await sleep(ms, undefined, { signal });
}

/** Splits by code points so a chunk boundary never lands inside a surrogate pair. */
export function splitCodePoints(text: string, size: number): string[] {
  const points = Array.from(text);
  const pieces: string[] = [];
  for (let index = 0; index < points.length; index += size) pieces.push(points.slice(index, index + size).join(""));
  return pieces;
}

/** Longest prefix within `limit` tokens (binary search, so any monotonic counter works). */
export function cutToTokens(text: string, limit: number, count: (text: string) => number): string {
  const points = Array.from(text);
  let low = 0;
  let high = points.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (count(points.slice(0, middle).join("")) <= limit) low = middle;
    else high = middle - 1;
  }
  return points.slice(0, low).join("");
}

