/**
 * Fills the call log with a month of synthetic usage, so the admin page can be
 * seen with data and load-tested:
 *
 *   npm run seed                          # 1,000,000 rows over 30 days, replacing earlier seed rows
 *   npm run seed -- --rows 50000 --days 7 # fewer rows, a shorter history
 *   npm run seed -- --append              # keep earlier seed rows and add to them
 *   npm run seed -- --clear               # remove every seed row, write none
 *
 * Rows are written with source 'seed': the admin page shows them only under
 * "Synthetic", with a banner, never mixed into real usage. Uses the app's
 * database (DATABASE_URL, or PGlite in PGLITE_DIR: stop the app first, an
 * embedded database serves one process; a million rows on PGlite take minutes,
 * on a Postgres server seconds).
 */
import { parseArgs } from "node:util";
import { closeDb, getDb } from "@/db/client";
import { getBudgetConfig } from "@/lib/budget/limits";
import { auditCallRollups } from "@/lib/telemetry/audit-rollups";
import { clearSeedUsage, defaultSeedUsers, seedUsage } from "@/lib/telemetry/seed-usage";

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text.replace(/[_,]/g, ""));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got "${text}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: "string" },
      days: { type: "string" },
      users: { type: "string" },
      append: { type: "boolean", default: false },
      clear: { type: "boolean", default: false },
      audit: { type: "boolean", default: false },
    },
  });
  const rows = positiveInteger("rows", values.rows, 1_000_000);
  const days = positiveInteger("days", values.days, 30);
  const users = positiveInteger("users", values.users, defaultSeedUsers(rows));
  const db = await getDb();

  if (values.clear || !values.append) {
    const removed = await clearSeedUsage(db);
    if (removed > 0 || values.clear) console.log(`removed ${removed.toLocaleString("en")} synthetic call-log rows and their rollups`);
    if (values.clear) return;
  }

  console.log(`writing ${rows.toLocaleString("en")} synthetic calls over ${days} days from ${users.toLocaleString("en")} users…`);
  const result = await seedUsage(db, { rows, days, users }, getBudgetConfig().extraPrices);
  console.log(
    `wrote ${result.rows.toLocaleString("en")} call-log rows (${result.requests.toLocaleString("en")} requests, ${result.users.toLocaleString("en")} users) ` +
      `from ${result.from.toISOString()} to ${result.to.toISOString()} in ${(result.ms / 1000).toFixed(1)} s, rollups included`,
  );
  if (values.audit) {
    // Recomputes every rollup from the whole log: slow on a big table, so only when asked.
    const mismatches = await auditCallRollups(db);
    console.log(mismatches.length === 0 ? "audit: the rollups equal the call log" : `audit: ${mismatches.length} rollup keys differ from the log`);
    if (mismatches.length > 0) process.exitCode = 1;
  }
  console.log("Open /admin?source=seed&range=30d as an admin to see it (marked as synthetic).");
}

main()
  .catch((error: unknown) => {
    console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
