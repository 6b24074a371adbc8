import type { ModelMessage } from "ai";
import { describe, expect, it } from "vitest";
import { replyFeature } from "@/lib/features/reply";
import { mulberry32 } from "@/test/mock-llm/prng";
import { countTokens, MESSAGE_OVERHEAD_TOKENS, REPLY_PRIMING_TOKENS } from "./count-tokens";
import { fitHistory, omittedTurnsNote, shrinkHistory, type FitInput, type FitResult } from "./fit-history";
import { contextWindowFor } from "./model-limits";

const INSTRUCTIONS = replyFeature.instructions;
const OUTPUT_RESERVE = replyFeature.maxOutputTokens;

// ---------------------------------------------------------------------------------------
// A deterministic, realistic conversation: someone moving a side project to production,
// asking short and long questions (sometimes pasting a log), getting answers of varied length.

const USER_SENTENCES = [
  "I'm moving my side project from a single VPS to something that can survive a bad deploy.",
  "The app is a Next.js frontend with a small Postgres database behind it.",
  "Last night the checkout page timed out for about ten minutes and I only noticed from a tweet.",
  "What is the simplest way to get alerts when error rates go up?",
  "Should I keep migrations in the same repository as the application code?",
  "We have about two thousand daily users, mostly in Europe.",
  "How would you structure retries for calls to the payment provider?",
  "Is it worth adding a queue now or is that premature?",
  "Can you explain the difference between a readiness probe and a liveness probe?",
  "My teammate says we should use feature flags for every change; that sounds heavy.",
  "The LLM summary feature sometimes returns text that is not valid JSON.",
  "How do I cap how much a single user can spend on model calls per day?",
  "Thanks, that helped. One more thing:",
  "Here is what the logs show right before it fails:",
  "Why would the connection pool run out when traffic is low?",
  "Please keep the answer short, I'm reading this on my phone.",
];

const ASSISTANT_SENTENCES = [
  "Start with the smallest change that removes the single point of failure: a second instance behind a load balancer.",
  "Keep migrations next to the code that depends on them, and run them as a separate step before the new version takes traffic.",
  "For alerts, page on symptoms users feel — error rate and latency at the edge — not on CPU graphs.",
  "Retries need three things: a cap on attempts, backoff with jitter, and an idempotency key so a retried charge is not a second charge.",
  "A readiness probe decides whether an instance receives traffic; a liveness probe decides whether it is restarted.",
  "A queue is worth it once work must survive a restart or outlive the request, which payment webhooks usually do.",
  "Feature flags pay off for risky changes and gradual rollouts; for a typo fix they are ceremony.",
  "Validate model output against a schema, repair obvious syntax errors, and retry once with the validation error included.",
  "Put the per-user budget in the database as a ledger: reserve before the call, settle with the real usage afterwards.",
  "A pool that runs dry at low traffic usually means connections are leaked: a transaction that is never committed or released.",
  "Set statement and idle-in-transaction timeouts so a stuck query cannot hold a connection forever.",
  "Measure before changing anything: note the current p95 latency and error rate so you can tell whether the fix worked.",
  "If the provider sends a Retry-After header, honour it instead of your own backoff.",
  "Write the runbook while the incident is fresh; the next one will happen at a worse time.",
  "In short: fix the leak first, add the alert second, and leave the queue until a concrete failure asks for it.",
  "Here is a minimal example of the pattern, adapted to your stack.",
];

const LOG_LINES = [
  "2025-03-14T02:11:09.412Z ERROR db pool exhausted: 20/20 in use, 37 waiting",
  "2025-03-14T02:11:09.988Z WARN  request /api/checkout took 30012ms (timeout 30000ms)",
  "2025-03-14T02:11:10.104Z ERROR upstream payment-provider responded 503 Service Unavailable",
  "2025-03-14T02:11:11.530Z INFO  retrying charge ch_3Nx8 attempt=2 backoff=800ms",
  "2025-03-14T02:11:12.017Z ERROR unhandled rejection: Error: Connection terminated unexpectedly",
];

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function sentences(bank: readonly string[], min: number, max: number, random: () => number): string {
  const n = min + Math.floor(random() * (max - min + 1));
  return Array.from({ length: n }, () => pick(bank, random)).join(" ");
}

type Turn = { user: ModelMessage; assistant: ModelMessage };

/** 300 turns → 600 messages; user 1–4 sentences (1 in 12 pastes a 20–60 line log), assistant 2–14 sentences. */
function buildConversation(turnCount: number, seed: number): Turn[] {
  const random = mulberry32(seed);
  return Array.from({ length: turnCount }, (_, turn) => {
    let question = sentences(USER_SENTENCES, 1, 4, random);
    if (random() < 1 / 12) {
      const lines = Array.from({ length: 20 + Math.floor(random() * 41) }, () => pick(LOG_LINES, random));
      question += `\n\n\`\`\`\n${lines.join("\n")}\n\`\`\``;
    }
    const answer = sentences(ASSISTANT_SENTENCES, 2, 14, random);
    return {
      user: { role: "user", content: `(turn ${turn + 1}) ${question}` },
      assistant: { role: "assistant", content: answer },
    };
  });
}

/** Recount a request from scratch, without fitHistory's bookkeeping: the sum it claims must be this. */
function recount(instructions: string, messages: ModelMessage[]): number {
  const instructionTokens = countTokens(instructions) + MESSAGE_OVERHEAD_TOKENS;
  const messageTokens = messages.reduce((sum, message) => {
    if (typeof message.content !== "string") throw new Error("the test conversation uses string content");
    return sum + countTokens(message.content) + MESSAGE_OVERHEAD_TOKENS;
  }, 0);
  return instructionTokens + messageTokens + REPLY_PRIMING_TOKENS;
}

function expectOk(result: FitResult): Extract<FitResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected the request to fit, got ${JSON.stringify(result)}`);
  return result;
}

function range(from: number, to: number): string {
  return from === to ? `${from}` : `${from}–${to}`;
}

// ---------------------------------------------------------------------------------------

describe("fitHistory over a 300-turn conversation, sent turn after turn", () => {
  const turns = buildConversation(300, 7);
  const contextWindow = contextWindowFor({ modelId: "offline" });
  const messagesOf = (upTo: number) => turns.slice(0, upTo).flatMap((turn) => [turn.user, turn.assistant]);

  it("fits every request, keeps the newest message and the instructions, and drops only the oldest whole turns", () => {
    expect(contextWindow).toBe(16_384);
    const checkpoints = new Set([50, 150, 300]);
    let firstDropLogged = false;

    turns.forEach((turn, k) => {
      const history = messagesOf(k); // turns 0..k-1, as the chat has stored them
      const result = expectOk(
        fitHistory({ instructions: INSTRUCTIONS, history, newMessage: turn.user, contextWindow, outputReserve: OUTPUT_RESERVE }),
      );

      // It fits, by an independent recount that includes the instructions.
      const tokens = recount(INSTRUCTIONS, result.messages);
      expect(tokens).toBe(result.inputTokens);
      expect(tokens + OUTPUT_RESERVE).toBeLessThanOrEqual(contextWindow);
      expect(result.budget).toBe(contextWindow - OUTPUT_RESERVE);

      // The newest message is present, once, and last.
      expect(result.messages.at(-1)).toBe(turn.user);
      expect(result.messages.filter((message) => message === turn.user)).toHaveLength(1);

      // Dropped messages are a prefix of the history, made of whole turns (user + reply).
      const dropped = result.droppedTurns.length;
      expect(result.droppedTurns).toEqual(Array.from({ length: dropped }, (_, index) => index));
      expect(dropped % 2).toBe(0);
      const keptHistory = result.condensed ? result.messages.slice(1, -1) : result.messages.slice(0, -1);
      expect(keptHistory).toEqual(history.slice(dropped));
      keptHistory.forEach((message, index) => expect(message.role).toBe(index % 2 === 0 ? "user" : "assistant"));

      // A drop is announced by exactly one note, first, with the number of turns.
      expect(result.condensed).toBe(dropped > 0);
      if (result.condensed) expect(result.messages[0]).toEqual(omittedTurnsNote(dropped / 2));

      // Nothing dropped needlessly: keeping one more turn would not have fit.
      if (dropped > 0) {
        const droppedTurnCount = dropped / 2;
        const oneMore = [
          ...(droppedTurnCount > 1 ? [omittedTurnsNote(droppedTurnCount - 1)] : []),
          ...history.slice(dropped - 2),
          turn.user,
        ];
        expect(recount(INSTRUCTIONS, oneMore) + OUTPUT_RESERVE).toBeGreaterThan(contextWindow);
      }

      const turnNumber = k + 1;
      const logFirstDrop = dropped > 0 && !firstDropLogged;
      if (logFirstDrop) firstDropLogged = true;
      if (checkpoints.has(turnNumber) || logFirstDrop) {
        const keptTurns = k - dropped / 2;
        const droppedText = dropped === 0 ? "dropped none" : `dropped turns ${range(1, dropped / 2)}`;
        const keptText = keptTurns === 0 ? "kept none" : `kept ${keptTurns} turns (${range(dropped / 2 + 1, k)})`;
        console.log(
          `turn ${turnNumber}: ${keptText}, ${droppedText}; ${result.inputTokens} input + ${OUTPUT_RESERVE} reserve of ${contextWindow} tokens`,
        );
      }
    });

    // The conversation is long enough that fitting really happened.
    expect(firstDropLogged).toBe(true);
  });

  it("counts each message once: the 300th request costs one count per message, not one per kept/dropped combination", () => {
    const history = messagesOf(299);
    let calls = 0;
    let noteCalls = 0;
    const countingCounter = (text: string) => {
      calls += 1;
      if (text.startsWith("[Earlier turns omitted")) noteCalls += 1;
      return countTokens(text);
    };
    const started = performance.now();
    const result = expectOk(
      fitHistory({
        instructions: INSTRUCTIONS,
        history,
        newMessage: turns[299]!.user,
        contextWindow,
        outputReserve: OUTPUT_RESERVE,
        countTokens: countingCounter,
      }),
    );
    const elapsed = performance.now() - started;
    console.log(`fit of a ${history.length}-message history: ${elapsed.toFixed(1)} ms, ${calls} token counts (${noteCalls} of them the note)`);

    expect(result.condensed).toBe(true);
    // instructions + new message + every history message once + the note at a few candidate cuts
    expect(noteCalls).toBeLessThanOrEqual(3);
    expect(calls).toBe(history.length + 2 + noteCalls);
  });
});

describe("fitHistory edge cases", () => {
  const question: ModelMessage = { role: "user", content: "What does a context window limit mean for my chat?" };
  const pair = (n: number): ModelMessage[] => [
    { role: "user", content: `Question ${n}: how do retries interact with budgets?` },
    { role: "assistant", content: `Answer ${n}: each retry reserves again, and the unused part of a reservation is released on settle.` },
  ];
  const history = [...pair(1), ...pair(2), ...pair(3)];
  const fullTokens = recount(INSTRUCTIONS, [...history, question]);
  const base: Omit<FitInput, "contextWindow"> = { instructions: INSTRUCTIONS, history, newMessage: question, outputReserve: OUTPUT_RESERVE };

  it("keeps everything when it fits exactly, and drops the oldest turn when one token is missing", () => {
    const exact = expectOk(fitHistory({ ...base, contextWindow: fullTokens + OUTPUT_RESERVE }));
    expect(exact.messages).toEqual([...history, question]);
    expect(exact.droppedTurns).toEqual([]);
    expect(exact.condensed).toBe(false);
    expect(exact.inputTokens).toBe(fullTokens);
    expect(exact.budget).toBe(fullTokens);

    const oneShort = expectOk(fitHistory({ ...base, contextWindow: fullTokens + OUTPUT_RESERVE - 1 }));
    expect(oneShort.droppedTurns).toEqual([0, 1]);
    expect(oneShort.condensed).toBe(true);
    expect(oneShort.messages).toEqual([omittedTurnsNote(1), ...history.slice(2), question]);
    expect(oneShort.inputTokens).toBe(recount(INSTRUCTIONS, oneShort.messages));
    expect(oneShort.inputTokens).toBeLessThanOrEqual(oneShort.budget);
  });

  it("accepts a message that exactly fills the window with no history, and refuses it one token smaller", () => {
    const alone = recount(INSTRUCTIONS, [question]);
    const fits = expectOk(fitHistory({ ...base, history: [], contextWindow: alone + OUTPUT_RESERVE }));
    expect(fits.inputTokens).toBe(alone);

    const refused = fitHistory({ ...base, history: [], contextWindow: alone + OUTPUT_RESERVE - 1 });
    expect(refused).toEqual({
      ok: false,
      reason: "message_too_large",
      messageTokens: countTokens(question.content as string) + MESSAGE_OVERHEAD_TOKENS,
      limit: countTokens(question.content as string) + MESSAGE_OVERHEAD_TOKENS - 1,
    });
  });

  it("refuses a message too large for the window, with its size and the limit, whatever the history", () => {
    const pasted = "The checkout service returned 503 for the payment call. ".repeat(2_000);
    const huge: ModelMessage = { role: "user", content: pasted };
    const contextWindow = contextWindowFor({ modelId: "offline" });
    const result = fitHistory({ ...base, newMessage: huge, contextWindow });
    const messageTokens = countTokens(pasted) + MESSAGE_OVERHEAD_TOKENS;
    const limit = contextWindow - OUTPUT_RESERVE - (countTokens(INSTRUCTIONS) + MESSAGE_OVERHEAD_TOKENS) - REPLY_PRIMING_TOKENS;
    expect(result).toEqual({ ok: false, reason: "message_too_large", messageTokens, limit });
    expect(messageTokens).toBeGreaterThan(limit);
  });

  it("sends just the new message for an empty history", () => {
    const result = expectOk(fitHistory({ ...base, history: [], contextWindow: 8_192 }));
    expect(result).toEqual({
      ok: true,
      messages: [question],
      droppedTurns: [],
      condensed: false,
      inputTokens: recount(INSTRUCTIONS, [question]),
      budget: 8_192 - OUTPUT_RESERVE,
    });
  });

  it("never starts the history with an assistant turn: a leading greeting is dropped without a note", () => {
    const greeting: ModelMessage = { role: "assistant", content: "Hi! I'm the Ballast assistant. What are you working on?" };
    const result = expectOk(fitHistory({ ...base, history: [greeting, ...history], contextWindow: 8_192 }));
    expect(result.droppedTurns).toEqual([0]);
    expect(result.condensed).toBe(false);
    expect(result.messages).toEqual([...history, question]);
    expect(result.messages[0]?.role).toBe("user");

    // History with no user message at all: nothing of it can be sent.
    const onlyReplies = expectOk(fitHistory({ ...base, history: [greeting, greeting], contextWindow: 8_192 }));
    expect(onlyReplies.droppedTurns).toEqual([0, 1]);
    expect(onlyReplies.messages).toEqual([question]);
  });

  it("drops a tool-using turn as one unit: the question, the tool call, its result and the answer", () => {
    const toolTurn: ModelMessage[] = [
      { role: "user", content: "What's the weather in Lisbon? I need to know whether to move the offsite outdoors." },
      { role: "assistant", content: [{ type: "tool-call", toolCallId: "call_1", toolName: "weather", input: { city: "Lisbon" } }] },
      {
        role: "tool",
        content: [{ type: "tool-result", toolCallId: "call_1", toolName: "weather", output: { type: "json", value: { temperatureC: 21, rain: false } } }],
      },
      { role: "assistant", content: "It is 21 °C and dry in Lisbon: outdoors works." },
    ];
    const withTools = [...toolTurn, ...pair(2)];
    const keptOnly = recount(INSTRUCTIONS, [omittedTurnsNote(1), ...pair(2), question]);
    const result = expectOk(fitHistory({ ...base, history: withTools, contextWindow: keptOnly + OUTPUT_RESERVE }));
    expect(result.droppedTurns).toEqual([0, 1, 2, 3]);
    expect(result.messages).toEqual([omittedTurnsNote(1), ...pair(2), question]);
  });

  it("sends without the note when even the note does not fit next to the new message", () => {
    const alone = recount(INSTRUCTIONS, [question]);
    const result = expectOk(fitHistory({ ...base, contextWindow: alone + OUTPUT_RESERVE + 2 }));
    expect(result.droppedTurns).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.condensed).toBe(false);
    expect(result.messages).toEqual([question]);
  });

  it("rejects inputs that cannot describe a window", () => {
    expect(() => fitHistory({ ...base, contextWindow: 0 })).toThrow(RangeError);
    expect(() => fitHistory({ ...base, contextWindow: 8_192, outputReserve: -1 })).toThrow(RangeError);
    expect(() => fitHistory({ ...base, contextWindow: 8_192, targetRatio: 0 })).toThrow(RangeError);
  });
});

describe("shrinkHistory", () => {
  const turns = buildConversation(120, 11);
  const history = turns.slice(0, 119).flatMap((turn) => [turn.user, turn.assistant]);
  const newMessage = turns[119]!.user;
  const input: FitInput = { instructions: INSTRUCTIONS, history, newMessage, contextWindow: 16_384, outputReserve: OUTPUT_RESERVE };

  it("fits again into half the budget, dropping more of the oldest turns", () => {
    const full = expectOk(fitHistory(input));
    const shrunk = expectOk(shrinkHistory(input));

    expect(shrunk.budget).toBe(Math.floor(full.budget / 2));
    expect(shrunk.inputTokens).toBeLessThanOrEqual(shrunk.budget);
    expect(shrunk.inputTokens).toBe(recount(INSTRUCTIONS, shrunk.messages));
    expect(full.inputTokens).toBeGreaterThan(shrunk.budget); // so shrinking had to change something
    expect(shrunk.droppedTurns.length).toBeGreaterThan(full.droppedTurns.length);
    expect(shrunk.droppedTurns.slice(0, full.droppedTurns.length)).toEqual(full.droppedTurns);
    expect(shrunk.messages.at(-1)).toBe(newMessage);
    console.log(
      `shrink: full fit kept ${(history.length - full.droppedTurns.length) / 2} turns in ${full.inputTokens}/${full.budget} tokens; ` +
        `halved kept ${(history.length - shrunk.droppedTurns.length) / 2} turns in ${shrunk.inputTokens}/${shrunk.budget}`,
    );
  });

  it("drops all history rather than refusing when the new message alone exceeds the halved budget", () => {
    const long: ModelMessage = { role: "user", content: "Please review this incident timeline in detail. ".repeat(1_100) };
    const required = recount(INSTRUCTIONS, [long]);
    const limit = 16_384 - OUTPUT_RESERVE;
    expect(required).toBeGreaterThan(limit / 2);
    expect(required).toBeLessThanOrEqual(limit);

    const shrunk = expectOk(shrinkHistory({ ...input, newMessage: long }));
    expect(shrunk.messages.at(-1)).toBe(long);
    expect(shrunk.droppedTurns).toHaveLength(history.length);
    expect(shrunk.inputTokens).toBeLessThanOrEqual(shrunk.budget);
    expect(shrunk.budget).toBe(shrunk.inputTokens);
  });
});
