import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships its Postgres as WASM plus data files that must be loaded from
  // node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "gpt-tokenizer", "pino", "pino-pretty"],
  poweredByHeader: false,
  // A second build directory lets a benchmark or a parallel test run build
  // without clobbering the one `npm test` serves.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
