/**
 * The benchmarks' upstream: the OpenAI-compatible test server (test/mock-llm)
 * in a process of its own, so its timers never share an event loop with the
 * load generator. Every reply is clean and has the same fixed timing, set by
 * the environment. Prints `{"port": N}` when listening.
 *
 *   MOCK_FIRST_CHUNK_MS=50 MOCK_CHUNK_MS=2 MOCK_CHUNK_SIZE=24 node --import tsx bench/lib/mock-upstream-process.ts
 */
import { startMockLlm } from "@/test/mock-llm/server.ts";

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
};

const mock = await startMockLlm({
  firstChunkDelayMs: number("MOCK_FIRST_CHUNK_MS", 50),
  chunkDelayMs: number("MOCK_CHUNK_MS", 2),
  chunkSize: number("MOCK_CHUNK_SIZE", 24),
  latencySpikeMs: number("MOCK_SPIKE_MS", 8_000),
  retryAfterSeconds: number("MOCK_RETRY_AFTER_S", 2),
  // As a hosted provider does: idle connections stay open, so the app's client never races a 5 s close.
  keepAliveTimeoutMs: 120_000,
  faults: process.env.MOCK_FAULT_RATE ? { rate: number("MOCK_FAULT_RATE", 0), modes: "all", seed: number("MOCK_FAULT_SEED", 1) } : undefined,
});

// The server records every request; a benchmark sends hundreds of thousands, so forget them.
setInterval(() => mock.requests.splice(0), 1_000).unref();

process.stdout.write(`${JSON.stringify({ port: mock.port })}\n`);
process.on("SIGTERM", () => void mock.close().then(() => process.exit(0)));
