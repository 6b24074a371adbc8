import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BallastError } from "@/lib/errors";
import { readJsonBody } from "./read-json-body";

const schema = z.object({ message: z.object({ parts: z.array(z.object({ text: z.string() })) }) });

function post(body: string): Request {
  return new Request("http://localhost/api/x", { method: "POST", headers: { "content-type": "application/json" }, body });
}

async function refusal(body: string): Promise<BallastError> {
  const error = await readJsonBody(post(body), schema, { maxBytes: 1024 * 1024 }).then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof BallastError)) throw new Error(`expected a BallastError, got ${String(error)}`);
  return error;
}

describe("readJsonBody", () => {
  it("refuses a NUL character in any string with a 400 naming where it is (Postgres cannot store it)", async () => {
    const error = await refusal(JSON.stringify({ message: { parts: [{ text: "a\u0000b" }] } }));
    expect(error.code).toBe("bad_request:api");
    expect(error.message).toContain("message.parts.0.text");
  });

  it("refuses a NUL character in a key", async () => {
    expect((await refusal('{"mess\\u0000age": {}}')).message).toContain("NUL");
  });

  it("accepts the text \\u0000 written out (a backslash, not a NUL)", async () => {
    const body = await readJsonBody(post(JSON.stringify({ message: { parts: [{ text: "what does \\u0000 mean?" }] } })), schema, { maxBytes: 1024 });
    expect(body.message.parts[0]?.text).toBe("what does \\u0000 mean?");
  });

  it("answers arrays nested 40,000 deep with a 400, not a stack overflow", async () => {
    const error = await refusal(`${"[".repeat(40_000)}${"]".repeat(40_000)}`);
    expect(error.code).toBe("bad_request:api");
  });
});

describe("readJsonBody when the client goes away mid-upload", () => {
  it("is the client's 400, not a database outage (Node reports the abort with code ECONNRESET)", async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"message": {"parts": [{"text": "half'));
        controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      },
    });
    const request = new Request("http://localhost/api/x", { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
    const error = await readJsonBody(request, schema, { maxBytes: 1024 }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BallastError);
    expect((error as BallastError).code).toBe("bad_request:api");
  });
});
