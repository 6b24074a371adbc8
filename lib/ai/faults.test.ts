import { describe, expect, it } from "vitest";
import { replySchema, type Reply } from "@/lib/features/reply";
import { parseStructured } from "@/lib/structured/parse";
import {
  FAULT_DESCRIPTIONS,
  FAULT_MODES,
  TEXT_FAULT_MODES,
  corruptJsonText,
  createFaultPicker,
  isFaultMode,
  isTextFaultMode,
  parseFaultConfig,
  type FaultMode,
  type TextFaultMode,
} from "./faults";
import { FAULT_MODES as MOCK_FAULT_MODES } from "@/test/mock-llm/faults";

const REPLY: Reply = {
  answer: "Use a pooler such as **PgBouncer**.\n\n- It's \"transaction\" mode\n- Path C:\\pg",
  summary: "Pool connections with PgBouncer in transaction mode.",
  tags: ["postgres", "pooling"],
  confidence: 0.62,
};
const JSON_TEXT = JSON.stringify(REPLY);

describe("fault modes", () => {
  it("match the mock LLM server's names, minus the server-only context_length_exceeded", () => {
    expect(MOCK_FAULT_MODES.filter((mode) => mode !== "context_length_exceeded")).toEqual([...FAULT_MODES]);
  });

  it("each has a short description, and the guards accept exactly the known names", () => {
    for (const mode of FAULT_MODES) {
      expect(FAULT_DESCRIPTIONS[mode].length).toBeGreaterThan(5);
      expect(isFaultMode(mode)).toBe(true);
    }
    for (const value of ["PROSE", "", "none", 1, null, undefined, {}]) expect(isFaultMode(value)).toBe(false);
    expect(TEXT_FAULT_MODES.every((mode) => isTextFaultMode(mode))).toBe(true);
    expect(FAULT_MODES.filter((mode) => !isTextFaultMode(mode))).toEqual(["latency_spike", "rate_limit", "server_error", "stream_cut"]);
  });
});

describe("createFaultPicker", () => {
  const draw = (picker: () => FaultMode | null, count: number) => Array.from({ length: count }, () => picker());

  it("is reproducible per seed and differs across seeds", () => {
    const config = { rate: 0.5, modes: FAULT_MODES, seed: 42 };
    const first = draw(createFaultPicker(config), 200);
    expect(draw(createFaultPicker(config), 200)).toEqual(first);
    expect(draw(createFaultPicker({ ...config, seed: 43 }), 200)).not.toEqual(first);
  });

  it("faults at the configured rate (±4% over 2,000 draws), uniformly over the modes", () => {
    for (const rate of [0.1, 0.3, 0.5, 0.9]) {
      const picks = draw(createFaultPicker({ rate, modes: ["prose", "rate_limit"], seed: 7 }), 2000);
      const faults = picks.filter((pick) => pick !== null);
      expect(Math.abs(faults.length / 2000 - rate)).toBeLessThanOrEqual(0.04);
      expect(new Set(faults)).toEqual(new Set(["prose", "rate_limit"]));
    }
    const all = draw(createFaultPicker({ rate: 1, modes: FAULT_MODES, seed: 1 }), 2000);
    for (const mode of FAULT_MODES) {
      const share = all.filter((pick) => pick === mode).length / 2000;
      expect(Math.abs(share - 1 / FAULT_MODES.length)).toBeLessThanOrEqual(0.04);
    }
  });

  it("never faults at rate 0 and always faults at rate 1", () => {
    expect(draw(createFaultPicker({ rate: 0, modes: FAULT_MODES, seed: 3 }), 2000).every((pick) => pick === null)).toBe(true);
    expect(draw(createFaultPicker({ rate: 1, modes: ["fence"], seed: 3 }), 2000).every((pick) => pick === "fence")).toBe(true);
    // No modes is fine when nothing can fault.
    expect(createFaultPicker({ rate: 0, modes: [], seed: 3 })()).toBeNull();
  });

  it("keeps earlier faults when the rate goes up (both numbers are drawn on every call)", () => {
    const low = draw(createFaultPicker({ rate: 0.2, modes: FAULT_MODES, seed: 9 }), 500);
    const high = draw(createFaultPicker({ rate: 0.6, modes: FAULT_MODES, seed: 9 }), 500);
    low.forEach((pick, index) => {
      if (pick !== null) expect(high[index]).toBe(pick);
    });
  });

  it("rejects a rate outside [0, 1] and an empty mode list with a positive rate", () => {
    expect(() => createFaultPicker({ rate: 1.5, modes: FAULT_MODES, seed: 0 })).toThrow(/from 0 to 1/);
    expect(() => createFaultPicker({ rate: Number.NaN, modes: FAULT_MODES, seed: 0 })).toThrow(/from 0 to 1/);
    expect(() => createFaultPicker({ rate: 0.5, modes: [], seed: 0 })).toThrow(/must not be empty/);
  });
});

describe("parseFaultConfig", () => {
  it("reads env strings: a rate, 'all' or a comma list, a seed", () => {
    expect(parseFaultConfig({ rate: "0.25", modes: "all", seed: "42" })).toEqual({ rate: 0.25, modes: [...FAULT_MODES], seed: 42 });
    expect(parseFaultConfig({ rate: "1", modes: " prose, rate_limit ,prose", seed: "-3" })).toEqual({
      rate: 1,
      modes: ["prose", "rate_limit"],
      seed: -3,
    });
  });

  it("defaults unset or empty values to rate 0, every mode, seed 0", () => {
    expect(parseFaultConfig({})).toEqual({ rate: 0, modes: [...FAULT_MODES], seed: 0 });
    expect(parseFaultConfig({ rate: "", modes: " ", seed: "" })).toEqual({ rate: 0, modes: [...FAULT_MODES], seed: 0 });
  });

  it("names unknown modes and lists the valid ones", () => {
    expect(() => parseFaultConfig({ modes: "prose,prosee,timeout" })).toThrow(
      'Unknown fault mode(s) "prosee", "timeout"; expected "all" or a comma list of: prose, fence, trailing_comma, single_quotes, truncate, wrong_types, missing_field, latency_spike, rate_limit, server_error, stream_cut',
    );
  });

  it("rejects a rate or seed it cannot use", () => {
    expect(() => parseFaultConfig({ rate: "high" })).toThrow(/Invalid fault rate "high"/);
    expect(() => parseFaultConfig({ rate: "2" })).toThrow(/Invalid fault rate "2"/);
    expect(() => parseFaultConfig({ seed: "1.5" })).toThrow(/Invalid fault seed "1.5"/);
  });
});

describe("corruptJsonText", () => {
  const corrupt = (mode: TextFaultMode, json = JSON_TEXT) => corruptJsonText(json, mode);

  it("prose: a sentence before and after the compact JSON", () => {
    expect(corrupt("prose")).toEqual({
      text: `Sure! Here is the JSON you asked for:\n\n${JSON_TEXT}\n\nLet me know if you need anything else.`,
      finishReason: "stop",
    });
  });

  it("fence: pretty-printed inside a ```json fence", () => {
    expect(corrupt("fence").text).toBe("```json\n" + JSON.stringify(REPLY, null, 2) + "\n```");
  });

  it("trailing_comma: a comma before every closing bracket, never inside strings", () => {
    const { text } = corrupt("trailing_comma");
    expect(text).toBe(
      [
        "{",
        `  "answer": ${JSON.stringify(REPLY.answer)},`,
        `  "summary": ${JSON.stringify(REPLY.summary)},`,
        '  "tags": [',
        '    "postgres",',
        '    "pooling",',
        "  ],",
        '  "confidence": 0.62,',
        "}",
      ].join("\n"),
    );
    // Empty lists get no comma: `[,]` is not something models write.
    expect(corrupt("trailing_comma", '{"tags":[],"n":{}}').text).toBe('{\n  "tags": [],\n  "n": {},\n}');
  });

  it("single_quotes: keys and strings single-quoted, inner ' escaped, \" left bare", () => {
    const { text } = corrupt("single_quotes");
    expect(text.startsWith("{'answer': 'Use a pooler such as **PgBouncer**.\\n\\n- It\\'s \"transaction\" mode\\n- Path C:\\\\pg', ")).toBe(true);
    expect(text.endsWith("'tags': ['postgres', 'pooling'], 'confidence': 0.62}")).toBe(true);
  });

  it("truncate: about 60% of the text, finishReason length", () => {
    const { text, finishReason } = corrupt("truncate");
    expect(finishReason).toBe("length");
    expect(JSON_TEXT.startsWith(text)).toBe(true);
    expect(text.length / JSON_TEXT.length).toBeCloseTo(0.6, 1);
  });

  it("wrong_types: confidence as a numeric string, a lone tag as one string", () => {
    expect(JSON.parse(corrupt("wrong_types").text)).toEqual({ ...REPLY, confidence: "0.62" });
    const oneTag = JSON.stringify({ ...REPLY, tags: ["postgres"] });
    expect(JSON.parse(corrupt("wrong_types", oneTag).text)).toEqual({ ...REPLY, tags: "postgres", confidence: "0.62" });
  });

  it("missing_field: drops summary", () => {
    const { summary: _dropped, ...rest } = REPLY;
    expect(JSON.parse(corrupt("missing_field").text)).toEqual(rest);
  });

  describe("through Ballast's parser", () => {
    const oneTag = JSON.stringify({ ...REPLY, tags: ["postgres"] });
    const recoverable: TextFaultMode[] = ["prose", "fence", "trailing_comma", "single_quotes", "wrong_types"];

    it.each(recoverable)("%s is repaired back to exactly the original reply", (mode) => {
      for (const json of [JSON_TEXT, oneTag]) {
        const { text, finishReason } = corrupt(mode, json);
        expect(text).not.toBe(json);
        const parsed = parseStructured(text, replySchema, { finishReason });
        expect(parsed).toMatchObject({ ok: true, value: JSON.parse(json) });
      }
    });

    it("missing_field is a schema mismatch naming summary, truncate is truncated", () => {
      const missing = corrupt("missing_field");
      const missingResult = parseStructured(missing.text, replySchema, { finishReason: missing.finishReason });
      expect(missingResult.ok).toBe(false);
      if (!missingResult.ok) {
        expect(missingResult.error.kind).toBe("schema_mismatch");
        expect(missingResult.error.message).toMatch(/summary/);
      }
      const cut = corrupt("truncate");
      const cutResult = parseStructured(cut.text, replySchema, { finishReason: cut.finishReason });
      expect(cutResult.ok).toBe(false);
      if (!cutResult.ok) expect(cutResult.error.kind).toBe("truncated");
    });
  });
});
