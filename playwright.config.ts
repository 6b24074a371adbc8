import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
// A fresh PGlite directory per run: tests see only their own chats.
const dataDir = `.data/e2e-${Date.now()}`;
const start = `npx next start -p ${port}`;
// Two eval runs in the server's database before it starts (PGlite serves one process at a
// time): a clean one, and one with the missing_field fault, which regresses against the
// committed baseline (e2e/admin-evals.spec.ts). No typing delay, reports kept out of reports/.
const evalRun = (args: string) =>
  `OFFLINE_FIRST_CHUNK_MS=0 OFFLINE_CHUNK_MS=0 node --conditions=react-server --import tsx evals/cli.ts --trials 1 --quiet --out ${dataDir}-evals ${args}`;
const seedEvals = `${evalRun("")} && ${evalRun("--faults missing_field")}`;

/**
 * End-to-end tests against the production build in Debian's Chromium (a
 * browser download is not possible here). `npm test` builds first and sets
 * E2E_SKIP_BUILD; `npm run test:e2e` alone builds too.
 */
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
    { name: "phone", use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
  ],
  webServer: {
    command: process.env.E2E_SKIP_BUILD ? `${seedEvals} && ${start}` : `npx next build && ${seedEvals} && ${start}`,
    url: `http://127.0.0.1:${port}/api/chats`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PGLITE_DIR: dataDir,
      NODE_ENV: "production",
      // The fault switch (dev tools) is off in production unless asked for; the reliability specs use it.
      BALLAST_DEV_TOOLS: "1",
      // Whoever signs up with this address is an admin (e2e/admin*.spec.ts).
      ADMIN_EMAILS: "admin@ballast.test",
      // Short enough for fast tests: the slow notice after 1 s, a latency spike of 3 s.
      LLM_SLOW_NOTICE_MS: "1000",
      OFFLINE_LATENCY_SPIKE_MS: "3000",
      // A guest's day runs out after a few replies (e2e/budget.spec.ts); every test is a new guest.
      BUDGET_GUEST_DAY_TOKENS: "6000",
      // Many tests from one address within a minute: rate limits are not what these specs test.
      RATE_LIMIT_IP_PER_MINUTE: "100000",
      RATE_LIMIT_USER_PER_MINUTE: "100000",
    },
  },
});
