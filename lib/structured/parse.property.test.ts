import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { replySchema } from "@/lib/features/reply";
import { parseStructured } from "./parse";
import { repairNames } from "./repair-names";
import { ticketSchema } from "./test-schemas";

/** mulberry32: a tiny seeded PRNG, so a failure reproduces from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick };
}

type Rng = ReturnType<typeof prng>;

const WORDS = ["Paris", "capital", "it's", "He said \"hi\"", "café", "🇫🇷", "巴黎", "a\\nb", "}", "{x}", "", "0.8", "\ud800", "```", "None", "ok"];
const FRAGMENTS = ["{", "}", "[", "]", ":", ",", '"answer"', '"summary"', '"tags"', '"confidence"', '"title"', '"x"', "'y'", "0.5", '"0.5"', "1", "-", "true", "True", "None", "null", "//", "/*", "*/", "```json\n", "```", "\n", " ", "\\", '\\"', "+", "“", "”", "Sure! ", "\ud83d"];
const GARBAGE = "{}[]\":,'`\\ \n\tabcxyz019.-+eE#/*“”\u0000\u00e9\ud800\udc00";

function randomReply(rng: Rng): Record<string, unknown> {
  const text = () => Array.from({ length: 1 + rng.int(4) }, () => rng.pick(WORDS)).join(" ");
  const reply: Record<string, unknown> = {
    answer: text(),
    summary: rng.next() < 0.1 ? "s".repeat(201) : text(),
    tags: Array.from({ length: rng.int(7) }, () => rng.pick(WORDS)),
    confidence: rng.pick([0, 0.5, 1, 1.5, -1, "0.7", "high", null]),
  };
  if (rng.next() < 0.2) reply.tags = rng.pick(WORDS);
  if (rng.next() < 0.2) reply.extra = text();
  if (rng.next() < 0.1) delete reply.summary;
  return reply;
}

function randomTicket(rng: Rng): Record<string, unknown> {
  const ticket: Record<string, unknown> = {
    title: rng.pick(WORDS) || "t",
    priority: rng.pick(["low", "medium", "high", "urgent", "High"]),
    urgent: rng.pick([true, false, "yes"]),
    assignee: rng.next() < 0.9 ? { name: rng.pick(WORDS), team: rng.pick(WORDS) } : rng.pick(WORDS),
    labels: rng.next() < 0.2 ? rng.pick(WORDS) : Array.from({ length: rng.int(4) }, () => rng.pick(WORDS)),
    estimateHours: rng.pick([1, 2.5, "3", undefined, -1]),
    dueDate: rng.pick([null, "2025-01-01", 5]),
  };
  if (rng.next() < 0.2) ticket.extra = rng.pick(WORDS);
  return ticket;
}

function mutate(rng: Rng, json: string): string {
  let out = json;
  const edits = rng.int(4);
  for (let i = 0; i < edits; i++) {
    const at = rng.int(out.length + 1);
    switch (rng.int(6)) {
      case 0: // truncate
        out = out.slice(0, at);
        break;
      case 1: // delete a character
        out = out.slice(0, at) + out.slice(at + 1);
        break;
      case 2: // insert a fragment
        out = out.slice(0, at) + rng.pick(FRAGMENTS) + out.slice(at);
        break;
      case 3: // swap quote style
        out = out.replaceAll('"', rng.pick(["'", "“", '"']));
        break;
      case 4: // wrap in prose or a fence
        out = rng.pick(["Here:\n", "```json\n", "[", ""]) + out + rng.pick(["\n```", " Done.", "]", ""]);
        break;
      default: // add a trailing comma
        out = out.replace(/}$/, ",}");
    }
  }
  return out;
}

function randomInput(rng: Rng, value: (rng: Rng) => Record<string, unknown> = randomReply): string {
  const kind = rng.next();
  if (kind < 0.5) return mutate(rng, JSON.stringify(value(rng), null, rng.pick([0, 2])));
  if (kind < 0.75) return Array.from({ length: rng.int(30) }, () => rng.pick(FRAGMENTS)).join("");
  return Array.from({ length: rng.int(60) }, () => GARBAGE[rng.int(GARBAGE.length)]).join("");
}

function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

/** The test's own notion of "in the text": verbatim, or written with JSON escapes. */
function appearsIn(input: string, s: string): boolean {
  if (input.includes(s) || input.includes(JSON.stringify(s).slice(1, -1))) return true;
  const unescaped = input.replace(/\\(u[0-9a-fA-F]{4}|[\s\S])/g, (_, e: string) =>
    e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : ({ n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" } as Record<string, string>)[e] ?? e,
  );
  return unescaped.includes(s);
}

// Names only jsonrepair's path produces: the results most at risk of invention.
const SYNTAX_REPAIRS = new Set<string>(repairNames.slice(repairNames.indexOf("closed_truncated_json"), repairNames.indexOf("fixed_json_syntax") + 1));

describe("parseStructured on 2,000 random strings", () => {
  const schemas: [string, z.ZodType, (rng: Rng) => Record<string, unknown>][] = [
    ["reply", replySchema, randomReply],
    ["ticket", ticketSchema, randomTicket],
  ];
  for (const [name, schema, value] of schemas) {
    it(`${name}: never throws, never returns an invalid or invented value`, () => {
      const rng = prng(name === "reply" ? 20240611 : 7);
      const outcomes: Record<string, number> = {};
      let repairedOk = 0;
      for (let i = 0; i < 2000; i++) {
        const input = randomInput(rng, value);
        const finishReason = rng.pick([undefined, "stop", "length"]);
        let result: ReturnType<typeof parseStructured>;
        try {
          result = parseStructured(input, schema, { finishReason });
        } catch (error) {
          expect.fail(`threw on case ${i} ${JSON.stringify(input)}: ${String(error)}`);
        }
        const outcome = result.ok ? "ok" : result.error.kind;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        if (!result.ok) {
          expect(result.error.message.length, JSON.stringify(input)).toBeGreaterThan(0);
          continue;
        }
        expect(schema.safeParse(result.value).success, JSON.stringify(input)).toBe(true);
        for (const s of strings(result.value)) {
          expect(appearsIn(input, s), `${JSON.stringify(s)} invented from ${JSON.stringify(input)}`).toBe(true);
        }
        for (const repair of result.repairs) expect(repairNames).toContain(repair);
        if (result.repairs.some((r) => SYNTAX_REPAIRS.has(r))) repairedOk++;
      }
      // The generator must exercise both sides, or the property says nothing.
      expect(outcomes.ok ?? 0).toBeGreaterThan(50);
      expect(repairedOk).toBeGreaterThan(10);
      expect(Object.keys(outcomes).sort()).toEqual(["no_json", "ok", "schema_mismatch", "truncated", "unparseable_json"]);
    });
  }

  it("the generator is deterministic for a seed", () => {
    const a = prng(1);
    const b = prng(1);
    expect(Array.from({ length: 20 }, () => randomInput(a))).toEqual(Array.from({ length: 20 }, () => randomInput(b)));
  });
});
