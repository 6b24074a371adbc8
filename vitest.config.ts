import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL("./", import.meta.url)),
      // `server-only` throws outside a React Server Components build; tests run
      // server modules directly, so it resolves to its no-op variant here.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["**/*.test.ts", "**/*.test.tsx"],
    // .next-*: other build directories (NEXT_DIST_DIR, e.g. the benchmarks' .next-bench) hold copies of packages with their own tests.
    exclude: ["node_modules/**", ".next/**", ".next-*/**", "e2e/**", ".tools/**"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
