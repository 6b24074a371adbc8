import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OfflineModel } from "@/lib/ai/offline-model";
import { replyFeature } from "@/lib/features/reply";
import { streamAttempt } from "@/lib/structured/stream-attempt";
import { startOpenTelemetry } from "./otel";

/** A minimal OTLP/HTTP collector on loopback: records the JSON bodies posted to /v1/traces. */
function startCollector() {
  const bodies: string[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      if (request.url === "/v1/traces") bodies.push(body);
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  return new Promise<{ url: string; bodies: string[]; close: () => Promise<void> }>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, bodies, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

describe("OpenTelemetry export", () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  beforeAll(async () => {
    collector = await startCollector();
  });
  afterAll(async () => {
    await collector.close();
  });

  it("is off without OTEL_EXPORTER_OTLP_ENDPOINT", async () => {
    expect(await startOpenTelemetry({})).toBeNull();
  });

  it("sends the AI SDK's spans of a model call to the OTLP endpoint, named by feature", async () => {
    const stop = await startOpenTelemetry({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: "ballast-test" });
    expect(stop).not.toBeNull();
    const result = await streamAttempt({
      model: new OfflineModel({ latency: { firstChunkMs: 0, chunkMs: 0 } }),
      feature: replyFeature,
      messages: [{ role: "user", content: "What is a span?" }],
      timeouts: { firstChunkMs: 5_000, totalMs: 10_000 },
      onPartial: () => {},
    });
    expect(result.ok).toBe(true);
    await stop!();

    const exported = collector.bodies.join("\n");
    expect(exported).toContain("ballast-test");
    expect(exported).toContain("ballast.reply");
    // GenAI semantic conventions: the model call's span is named "<operation> <model>".
    expect(exported).toContain('"name":"chat offline"');
  });
});
