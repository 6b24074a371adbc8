import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema.ts (`npm run db:generate`), committed,
// and applied by the app itself at start-up (db/migrate.ts) on PGlite and Postgres.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
