import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_AUTH_ENV } from "@/test/auth-session";
import { NO_LIMITS_ENV } from "@/test/config";
import { startMockLlm, type MockLlm } from "@/test/mock-llm/server.ts";
import { startAppProcess, type AppProcess, type HarnessMemory } from "./lib/app-harness";
import { sendChat, type ChatOutcome } from "./lib/chat-client";
import { createGuests } from "./lib/guests";
import { runPool } from "./lib/pool";
import { soakScale } from "./lib/soak-scale";

/**
 * Faults soak: chat requests over HTTP to a real app process, from a real
 * OpenAI-compatible server injecting every fault mode into 30% of its
 * answers, with a fallback model configured. Every request must end in a
 * schema-valid reply or a typed error (never an untyped 500 or a stream that
 * just stops); afterwards the app's heap is back near where it started and
 * the budget ledger balances to the token.
 *
 * `npm test` runs a short form; `SOAK=long` (npm run soak) the 2,000-request one.
 */
const { long, requests: REQUESTS } = soakScale({ short: 120, long: 2_000 });
const CONCURRENCY = 8;
const WARM_UP = 24;
/** Heap after the soak may exceed the warmed-up baseline by this much (caches fill, JIT code grows); a per-request leak would pass it. */
const HEAP_SLACK_BYTES = 24 * 1024 * 1024;

describe(`faults soak: ${REQUESTS} chat requests over HTTP, every fault mode at 30%, a fallback model`, () => {
  let mock: MockLlm;
  let app: AppProcess;
  let cookies: string[];

  beforeAll(async () => {
    mock = await startMockLlm({ faults: { rate: 0.3, modes: "all", seed: 20261128 }, latencySpikeMs: 1_200, retryAfterSeconds: 1, chunkSize: 16 });
    app = await startAppProcess({
      name: "soak-faults",
      env: {
        ...TEST_AUTH_ENV,
        ...NO_LIMITS_ENV,
        PGLITE_DIR: "memory://",
        OPENAI_BASE_URL: mock.url,
        OPENAI_API_KEY: "test",
        LLM_MODEL: "mock-chaos",
        LLM_FALLBACK_MODELS: "mock-chaos-fallback",
        // A spike longer than the first-chunk timeout is abandoned and sent to the fallback.
        LLM_FIRST_CHUNK_TIMEOUT_MS: "800",
        LLM_SLOW_NOTICE_MS: "300",
        LLM_MAX_BACKOFF_MS: "2000",
      },
    });
    cookies = await createGuests(app.url, 4);
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await mock?.close();
  });

  it("ends every request in a valid reply or a typed error, returns to its memory baseline, and balances the ledger", { timeout: long ? 900_000 : 55_000 }, async () => {
    // The mock keeps every request it saw; a long soak only needs the faults it injected.
    const injected = new Map<string, number>();
    const countFaults = () => {
      for (const request of mock.requests.splice(0)) if (request.fault) injected.set(request.fault, (injected.get(request.fault) ?? 0) + 1);
    };
    const send = async (index: number): Promise<ChatOutcome> => {
      const outcome = await sendChat({ baseUrl: app.url, cookie: cookies[index % cookies.length]!, chatId: crypto.randomUUID(), text: `Question ${index}: how do retries and fallbacks keep an LLM feature up?` });
      if (index % 50 === 0) countFaults();
      return outcome;
    };

    const warmUp = await runPool(WARM_UP, CONCURRENCY, send);
    const baseline = await app.memory();
    const outcomes = await runPool(REQUESTS, CONCURRENCY, (index) => send(WARM_UP + index));
    countFaults();
    const after = await app.memory();
    const audit = await app.audit();

    const tally = new Map<string, number>();
    for (const outcome of outcomes) {
      const key =
        outcome.kind === "reply"
          ? `valid reply · attempt ${outcome.attempt}${outcome.retry ? ` after ${outcome.retry}` : ""}`
          : outcome.kind === "typed-error"
            ? `typed error · ${outcome.code}${outcome.inStream ? " (in stream)" : ` (HTTP ${outcome.status})`}`
            : `UNTYPED · HTTP ${outcome.status}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    const untyped = [...warmUp, ...outcomes].filter((outcome) => outcome.kind === "untyped");
    const valid = outcomes.filter((outcome) => outcome.kind === "reply").length;
    console.log(
      [
        `\nfaults soak: ${REQUESTS} requests (after ${WARM_UP} warm-up), ${CONCURRENCY} at a time, over HTTP to one app process:`,
        ...[...tally].sort((a, b) => b[1] - a[1]).map(([key, n]) => `  ${String(n).padStart(5)}  ${key}`),
        `  faults injected upstream: ${[...injected].map(([mode, n]) => `${mode} ${n}`).join(", ")}`,
        `  app heap after GC: ${mb(baseline)} before, ${mb(after)} after (RSS ${mb(baseline, "rss")} → ${mb(after, "rss")})`,
        `  ledger: ${audit.reservations.settled} reservations settled, ${audit.reservations.open} open, ${audit.events.count} usage events, ${audit.mismatches} counter mismatches`,
      ].join("\n"),
    );

    expect(untyped).toEqual([]);
    // A 30% fault rate with a retry and a fallback still answers most requests.
    expect(valid).toBeGreaterThan(REQUESTS * 0.75);
    // The reliability layer visibly worked: retries after invalid output and fallbacks both happened.
    expect([...tally.keys()].some((key) => key.includes("after invalid_output"))).toBe(true);
    expect([...tally.keys()].some((key) => key.includes("after fallback"))).toBe(true);
    expect(baseline.gcExposed).toBe(true);
    expect(after.heapUsed).toBeLessThan(baseline.heapUsed + HEAP_SLACK_BYTES);
    // Every request was admitted (no limits here) and settled exactly once; counters equal the events.
    expect(audit.reservations.settled).toBe(WARM_UP + REQUESTS);
    expect(audit.reservations.open).toBe(0);
    expect(audit.mismatches).toBe(0);
  });
});

function mb(memory: HarnessMemory, field: "heapUsed" | "rss" = "heapUsed"): string {
  return `${(memory[field] / 1024 / 1024).toFixed(1)} MB`;
}
