/**
 * The whole database schema, one file per area. drizzle-kit generates the
 * migrations from this index; the client gets its typed tables from it too.
 */
export * from "./schema-chat";
export * from "./schema-budget";
export * from "./schema-auth";
export * from "./schema-telemetry";
export * from "./schema-evals";
