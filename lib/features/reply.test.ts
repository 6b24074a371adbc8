import { describe, expect, it } from "vitest";
import { replyFeature, replySchema } from "./reply";

const valid = {
  answer: "Use a connection pooler such as **PgBouncer**.",
  summary: "Use a connection pooler.",
  tags: ["postgres", "pooling"],
  confidence: 0.8,
};

describe("replySchema", () => {
  it("accepts a valid reply", () => {
    expect(replySchema.parse(valid)).toEqual(valid);
  });

  it("accepts the boundaries: 200-char summary, 5 tags, confidence 0 and 1", () => {
    for (const confidence of [0, 1]) {
      const reply = { ...valid, summary: "s".repeat(200), tags: ["a", "b", "c", "d", "e"], confidence };
      expect(replySchema.safeParse(reply).success).toBe(true);
    }
  });

  it("rejects a summary of 201 characters", () => {
    const result = replySchema.safeParse({ ...valid, summary: "s".repeat(201) });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["summary"]);
  });

  it("rejects 6 tags", () => {
    const result = replySchema.safeParse({ ...valid, tags: ["a", "b", "c", "d", "e", "f"] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["tags"]);
  });

  it.each([1.2, -0.1])("rejects confidence %s", (confidence) => {
    const result = replySchema.safeParse({ ...valid, confidence });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["confidence"]);
  });

  it("rejects a reply without an answer, and an empty answer", () => {
    const { answer: _answer, ...withoutAnswer } = valid;
    expect(replySchema.safeParse(withoutAnswer).success).toBe(false);
    expect(replySchema.safeParse({ ...valid, answer: "" }).success).toBe(false);
  });

  it("rejects wrong types (a model returning a string for a number)", () => {
    expect(replySchema.safeParse({ ...valid, confidence: "0.8" }).success).toBe(false);
    expect(replySchema.safeParse({ ...valid, tags: "postgres" }).success).toBe(false);
  });
});

describe("replyFeature", () => {
  it("asks for JSON with every field of the schema", () => {
    expect(replyFeature.name).toBe("reply");
    expect(replyFeature.schema).toBe(replySchema);
    expect(replyFeature.instructions).toMatch(/JSON/);
    for (const field of ["answer", "summary", "tags", "confidence"]) {
      expect(replyFeature.instructions).toContain(field);
    }
  });

  it("declares positive limits", () => {
    expect(replyFeature.maxOutputTokens).toBeGreaterThan(0);
    expect(replyFeature.maxInputChars).toBeGreaterThan(0);
  });
});
