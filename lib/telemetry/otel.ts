import "server-only";

/**
 * OpenTelemetry export of the AI SDK's spans (one per streamText call and per
 * provider call, with model, tokens and timings), off unless the standard
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set,
 * so Langfuse, Jaeger, Honeycomb or any OTLP/HTTP collector can receive them.
 * The exporter reads the other standard variables itself
 * (OTEL_EXPORTER_OTLP_HEADERS for an API key, OTEL_SERVICE_NAME).
 *
 * Returns a function that flushes and stops the exporter, or null when off.
 */
export async function startOpenTelemetry(env: Record<string, string | undefined> = process.env): Promise<(() => Promise<void>) | null> {
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, "");
  const url = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base}/v1/traces` : undefined);
  if (!url) return null;
  // Imported only when on: an app that never exports loads none of it.
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, { registerTelemetry }, { OpenTelemetry }] =
    await Promise.all([
      import("@opentelemetry/sdk-trace-node"),
      import("@opentelemetry/exporter-trace-otlp-http"),
      import("@opentelemetry/resources"),
      import("ai"),
      import("@ai-sdk/otel"),
    ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": env.OTEL_SERVICE_NAME ?? "ballast" }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
  provider.register();
  registerTelemetry(new OpenTelemetry());
  return () => provider.shutdown();
}
