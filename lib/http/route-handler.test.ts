import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BallastError } from "@/lib/errors";
import { createLogger, currentRequestId, withRequestContext } from "@/lib/log/logger";
import { routeHandler } from "./route-handler";

describe("routeHandler", () => {
  it("gives every request its own id, in the response header and in the handler's context", async () => {
    const seen: Array<string | undefined> = [];
    const handler = routeHandler("GET /test", async (_request: Request, _context: void, requestId) => {
      seen.push(currentRequestId(), requestId);
      return Response.json({ ok: true });
    });
    const first = await handler(new Request("http://localhost/test"));
    const second = await handler(new Request("http://localhost/test"));
    const ids = [first.headers.get("x-request-id"), second.headers.get("x-request-id")];
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(seen).toEqual([ids[0], ids[0], ids[1], ids[1]]);
  });

  it("ignores a client's x-request-id: it keys budget reservations, so it is always minted here", async () => {
    const handler = routeHandler("GET /test", async () => new Response("ok"));
    const response = await handler(new Request("http://localhost/test", { headers: { "x-request-id": "chosen-by-client" } }));
    expect(response.headers.get("x-request-id")).not.toBe("chosen-by-client");
  });

  it("answers a thrown error with its typed JSON body and status", async () => {
    const handler = routeHandler("GET /test", async () => {
      throw new BallastError("not_found:chat");
    });
    const response = await handler(new Request("http://localhost/test"));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found:chat");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });
});

describe("logger", () => {
  it("writes JSON lines that carry the request id of the request being handled", async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString("utf8"));
        done();
      },
    });
    const log = createLogger({ destination, level: "info" });
    withRequestContext("req-123", () => log.info({ route: "POST /api/chat" }, "request"));
    log.info("outside any request");
    const [inside, outside] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(inside).toMatchObject({ requestId: "req-123", route: "POST /api/chat", msg: "request", level: 30 });
    expect(outside).not.toHaveProperty("requestId");
  });
});
