/**
 * Runs once when the Next.js server starts: open the database and apply
 * migrations now, so the first visitor does not wait for them and a broken
 * database shows up in the server log at boot. Skipped during `next build`,
 * which must never touch a database.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { getDbHandle } = await import("@/db/client");
  try {
    const { driver } = await getDbHandle();
    console.log(`[db] ready (${driver}), migrations applied`);
  } catch {
    // Already logged by getDbHandle; requests will answer 503 until it opens.
  }
}
