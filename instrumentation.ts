/**
 * Runs once when the Next.js server starts: open the database and apply
 * migrations now, so the first visitor does not wait for them and a broken
 * database shows up in the server log at boot; and start the OpenTelemetry
 * export when OTEL_EXPORTER_OTLP_ENDPOINT asks for it. Skipped during
 * `next build`, which must never touch a database.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ getDbHandle }, { logger }, { startOpenTelemetry }] = await Promise.all([
    import("@/db/client"),
    import("@/lib/log/logger"),
    import("@/lib/telemetry/otel"),
  ]);
  try {
    if (await startOpenTelemetry()) logger.info({ endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT }, "OpenTelemetry export on");
  } catch (error) {
    logger.error({ err: error }, "OpenTelemetry export could not start; continuing without it");
  }
  try {
    const { driver } = await getDbHandle();
    logger.info({ driver }, "database ready, migrations applied");
  } catch {
    // Already logged by getDbHandle; requests will answer 503 until it opens.
  }
}
