import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships its Postgres as WASM plus data files that must be loaded from
  // node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "gpt-tokenizer"],
  poweredByHeader: false,
};

export default nextConfig;
