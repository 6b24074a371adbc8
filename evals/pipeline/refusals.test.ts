import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as summarizeRoute } from "@/app/api/summarize/route";
import { closeDb } from "@/db/client";
import { resetAuthForTests } from "@/lib/auth/auth";
import { streamReply } from "@/lib/chat/stream-reply";
import { resetEnvForTests } from "@/lib/env";
import { BallastError } from "@/lib/errors";
import { checkReplyMessage, checkSummarizeText } from "@/lib/features/check-input";
import { guestCookie, TEST_AUTH_ENV } from "@/test/auth-session";
import { NO_LIMITS_ENV } from "@/test/config";

/*
 * "Must be refused" cases only mean something if the eval refuses exactly what
 * the app refuses: the same inputs, the same codes, the same messages. These
 * compare the checks the eval pipeline runs with the app's own request paths.
 */

function refusalOf(check: () => unknown): { code: string; message: string } {
  try {
    check();
  } catch (error) {
    if (error instanceof BallastError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

const replyInputs = { empty: "", whitespace: "   \n\t  ", tooLong: "a".repeat(8_001), emoji: "🙂".repeat(4_001) };
const summarizeInputs = { empty: "", whitespace: " \n\n\t ", tooLong: "a".repeat(20_001), paddedTooLong: `  ${"a".repeat(20_001)}  ` };

describe("the eval pipeline refuses what the app refuses", () => {
  beforeAll(() => {
    for (const [key, value] of Object.entries({ ...TEST_AUTH_ENV, ...NO_LIMITS_ENV, PGLITE_DIR: "memory://" })) vi.stubEnv(key, value);
    resetEnvForTests();
    resetAuthForTests();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    resetEnvForTests();
    resetAuthForTests();
    await closeDb();
  });

  it.each(Object.entries(replyInputs))("chat message %s: the same error as POST /api/chat's streamReply", async (_name, text) => {
    const user = { id: "eval-refusal-test", tier: "guest" as const, name: "Guest", email: null };
    const app = await streamReply({ chatId: crypto.randomUUID(), user, text }).then(
      () => null,
      (error: unknown) => (error instanceof BallastError ? { code: error.code, message: error.message } : error),
    );
    expect(app).toEqual(refusalOf(() => checkReplyMessage(text)));
  });

  it.each(Object.entries(summarizeInputs))("text to summarize %s: the same error body as POST /api/summarize", async (_name, text) => {
    const cookie = await guestCookie();
    // Called as Next calls it; the route takes no params, so its context argument (if any) is unused.
    const post = summarizeRoute as (request: Request) => Promise<Response>;
    const response = await post(
      new Request("http://localhost/api/summarize", { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ text }) }),
    );
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect({ code: body.error.code, message: body.error.message }).toEqual(refusalOf(() => checkSummarizeText(text)));
  });
});
