import { jsonrepair } from "jsonrepair";
import { describe, expect, it } from "vitest";
import { CONTENT_FAULTS, FAULT_MODES, corruptContent, createFaultPicker, parseFaultModes, type FaultMode } from "./faults.ts";
import { defaultReply } from "./reply.ts";

const REPLY = JSON.stringify(defaultReply("How do token budgets work?"));

function draw(seed: number, rate: number, count: number, modes: readonly FaultMode[] | "all" = "all"): (FaultMode | null)[] {
  const picker = createFaultPicker({ rate, modes, seed });
  return Array.from({ length: count }, () => picker.next());
}

describe("seeded fault picker", () => {
  it("gives the same sequence for the same seed and a different one for another seed", () => {
    expect(draw(42, 0.3, 200)).toEqual(draw(42, 0.3, 200));
    expect(draw(42, 0.3, 200)).not.toEqual(draw(43, 0.3, 200));
  });

  it.each([0.05, 0.3, 0.5, 0.9])("observes rate %s within ±5%% over 1,000 draws", (rate) => {
    for (const seed of [1, 7, 42]) {
      const faults = draw(seed, rate, 1000).filter((fault) => fault !== null).length;
      expect(Math.abs(faults / 1000 - rate)).toBeLessThanOrEqual(0.05);
    }
  });

  it("never faults at rate 0, always at rate 1, and only picks configured modes", () => {
    expect(draw(1, 0, 500).every((fault) => fault === null)).toBe(true);
    const picked = draw(1, 1, 500, ["prose", "rate_limit"]);
    expect(new Set(picked)).toEqual(new Set(["prose", "rate_limit"]));
    expect(new Set(draw(1, 1, 2000))).toEqual(new Set(FAULT_MODES));
  });

  it("rejects a rate outside [0, 1] and an empty mode list", () => {
    expect(() => createFaultPicker({ rate: 1.5, modes: "all", seed: 1 })).toThrow(/rate/);
    expect(() => createFaultPicker({ rate: 0.5, modes: [], seed: 1 })).toThrow(/modes/);
  });

  it("parses the CLI's mode list and names the valid modes on a typo", () => {
    expect(parseFaultModes("all")).toBe("all");
    expect(parseFaultModes("prose, fence")).toEqual(["prose", "fence"]);
    expect(() => parseFaultModes("prose,fencee")).toThrow(/fencee.*trailing_comma/);
  });
});

describe("content faults", () => {
  it("break the reply the way models do, so strict JSON.parse fails or the schema would", () => {
    for (const mode of CONTENT_FAULTS) {
      const { content } = corruptContent(mode, REPLY);
      expect(content, mode).not.toBe(REPLY);
    }
    for (const mode of ["prose", "fence", "trailing_comma", "single_quotes", "truncate"] as const) {
      expect(() => JSON.parse(corruptContent(mode, REPLY).content), mode).toThrow();
    }
    const wrong = JSON.parse(corruptContent("wrong_types", REPLY).content) as Record<string, unknown>;
    expect(typeof wrong.confidence).toBe("string");
    expect(typeof wrong.tags).toBe("string");
    const missing = JSON.parse(corruptContent("missing_field", REPLY).content) as Record<string, unknown>;
    expect(Object.keys(missing)).toEqual(["answer", "summary", "tags"]);
  });

  it("only truncate reports finish_reason length", () => {
    for (const mode of CONTENT_FAULTS) {
      expect(corruptContent(mode, REPLY).finishReason, mode).toBe(mode === "truncate" ? "length" : "stop");
    }
  });

  it("keeps the syntax faults repairable back to the original object (what the repair step relies on)", () => {
    const tricky = JSON.stringify({ answer: `It's a "quote" and a back\\slash\\`, summary: "s", tags: ["a", "b"], confidence: 0.7 });
    for (const text of [REPLY, tricky]) {
      for (const mode of ["trailing_comma", "single_quotes"] as const) {
        expect(JSON.parse(jsonrepair(corruptContent(mode, text).content)), mode).toEqual(JSON.parse(text));
      }
    }
  });

  it("leaves structural faults as no-ops on non-JSON text but still wraps or cuts it", () => {
    expect(corruptContent("single_quotes", "plain text").content).toBe("plain text");
    expect(corruptContent("fence", "plain text").content).toBe("```json\nplain text\n```");
    expect(corruptContent("truncate", "plain text").content).toBe("plain ");
  });
});
