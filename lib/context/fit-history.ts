import type { ModelMessage } from "ai";
import {
  countMessageTokens,
  countTokens as countO200k,
  MESSAGE_OVERHEAD_TOKENS,
  REPLY_PRIMING_TOKENS,
  type TextTokenCounter,
} from "./count-tokens";

/**
 * Fitting a conversation into a model's context window — the failure mode "context
 * length exceeded": instructions + history + the new message + room for the reply must
 * fit, or the provider rejects the request (or a local server silently truncates it).
 *
 * Policy: keep the instructions and the new message always; drop the oldest turns
 * first, a user message together with everything that answers it (assistant replies,
 * tool calls and results), so no reply is left without its question. What was dropped
 * is replaced by one short note so the model knows the conversation is longer than
 * what it sees. A summarising condense (ask the model to summarise the dropped turns)
 * keeps more meaning, but costs a model call, its latency and its budget on every
 * overflow, and can fail itself; it is a possible upgrade, not done here.
 */

export type FitInput = {
  /** System instructions, sent with every call (not part of `history`). */
  instructions: string;
  /** Earlier messages, oldest first, as stored. */
  history: ModelMessage[];
  /** The message being sent now; always kept, always last. */
  newMessage: ModelMessage;
  /** The model's context window (see `contextWindowFor`). */
  contextWindow: number;
  /** Tokens kept free for the reply: the feature's `maxOutputTokens`. */
  outputReserve: number;
  /** Text token counter; defaults to o200k. Injectable to watch how often it runs. */
  countTokens?: TextTokenCounter;
  /**
   * Fraction of the input budget to fit into, in (0, 1]. Below 1 when the provider
   * rejected a request we counted as fitting: its tokenizer counts differently.
   */
  targetRatio?: number;
};

export type FitResult =
  | {
      ok: true;
      /** What to send after the instructions: [note?, ...kept history, newMessage]. */
      messages: ModelMessage[];
      /**
       * Indexes into `history` of the messages left out — always a prefix (0..n-1):
       * whole turns dropped for space, plus assistant/tool messages that preceded the
       * first user message (a history never starts with an answer to nothing).
       */
      droppedTurns: number[];
      /** True when the omitted-turns note was inserted as the first history message. */
      condensed: boolean;
      /** Tokens of instructions + messages + framing, as we count them. */
      inputTokens: number;
      /** The budget fitted into: (contextWindow − outputReserve) × targetRatio, at least what must be sent. */
      budget: number;
    }
  | {
      ok: false;
      reason: "message_too_large";
      /** Tokens of the new message (with its framing). */
      messageTokens: number;
      /** Most tokens a message can have with these instructions and this reply reserve. */
      limit: number;
    };

/** The note standing in for dropped turns. Role user: every provider accepts it anywhere. */
export function omittedTurnsNote(turns: number): ModelMessage {
  return { role: "user", content: `[Earlier turns omitted to fit the context window: ${turns} ${turns === 1 ? "turn" : "turns"}]` };
}

/** One user message and the non-user messages after it, up to the next user message. */
type Turn = { start: number; tokens: number };

/**
 * Groups the history into turns, counting every message exactly once. Messages before
 * the first user message belong to no turn and are dropped by the caller.
 */
function toTurns(history: ModelMessage[], count: TextTokenCounter): Turn[] {
  const turns: Turn[] = [];
  let current: Turn | undefined;
  history.forEach((message, index) => {
    if (message.role === "user") {
      current = { start: index, tokens: 0 };
      turns.push(current);
    }
    if (current) current.tokens += countMessageTokens(message, count);
  });
  return turns;
}

function assertValidInput({ contextWindow, outputReserve, targetRatio = 1 }: FitInput): void {
  if (!Number.isSafeInteger(contextWindow) || contextWindow <= 0) throw new RangeError(`contextWindow must be a positive integer, got ${contextWindow}`);
  if (!Number.isSafeInteger(outputReserve) || outputReserve < 0) throw new RangeError(`outputReserve must be a non-negative integer, got ${outputReserve}`);
  if (!(targetRatio > 0 && targetRatio <= 1)) throw new RangeError(`targetRatio must be in (0, 1], got ${targetRatio}`);
}

/**
 * Fits instructions + history + new message into `contextWindow − outputReserve`.
 * O(n) in the history: each message is counted once; dropping walks the turns once,
 * subtracting their sizes (the note is counted only for candidate cut points).
 */
export function fitHistory(input: FitInput): FitResult {
  assertValidInput(input);
  const count = input.countTokens ?? countO200k;
  const { history } = input;
  const limit = input.contextWindow - input.outputReserve;

  // Instructions go out as a system message (or the Responses API's `instructions`, same cost).
  const instructionTokens = input.instructions === "" ? 0 : count(input.instructions) + MESSAGE_OVERHEAD_TOKENS;
  const newMessageTokens = countMessageTokens(input.newMessage, count);
  const fixedTokens = instructionTokens + REPLY_PRIMING_TOKENS;
  const required = fixedTokens + newMessageTokens;
  if (required > limit) {
    return { ok: false, reason: "message_too_large", messageTokens: newMessageTokens, limit: Math.max(0, limit - fixedTokens) };
  }

  // A shrunk budget never goes below what must be sent: then all history is dropped.
  const budget = Math.max(Math.floor(limit * (input.targetRatio ?? 1)), required);
  const turns = toTurns(history, count);

  let keptTokens = turns.reduce((sum, turn) => sum + turn.tokens, 0);
  let dropped = 0;
  let noteTokens = 0;
  if (required + keptTokens > budget) {
    noteTokens = -1; // no cut point with a note found yet
    while (dropped < turns.length) {
      keptTokens -= turns[dropped]?.tokens ?? 0;
      dropped += 1;
      if (required + keptTokens > budget) continue;
      const withNote = countMessageTokens(omittedTurnsNote(dropped), count);
      if (required + keptTokens + withNote <= budget) {
        noteTokens = withNote;
        break;
      }
    }
    // Everything dropped and even the note does not fit: send without it.
    if (noteTokens < 0) noteTokens = 0;
  }

  const condensed = dropped > 0 && noteTokens > 0;
  const keptFrom = turns[dropped]?.start ?? history.length;
  return {
    ok: true,
    messages: [...(condensed ? [omittedTurnsNote(dropped)] : []), ...history.slice(keptFrom), input.newMessage],
    droppedTurns: Array.from({ length: keptFrom }, (_, index) => index),
    condensed,
    inputTokens: required + keptTokens + noteTokens,
    budget,
  };
}

/**
 * Fits again into a fraction of the budget (half by default). Used once by the attempt
 * loop when a provider answers `context_length_exceeded` although our count said the
 * request fit: its tokenizer or framing counts more than o200k does.
 */
export function shrinkHistory(input: FitInput, factor = 0.5): FitResult {
  return fitHistory({ ...input, targetRatio: (input.targetRatio ?? 1) * factor });
}
