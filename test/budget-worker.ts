/**
 * A second (and third) app process for the budget ledger's multi-process
 * tests (lib/budget/ledger.postgres.test.ts). It runs the same modules the
 * app runs against the same Postgres database, and talks to the test over
 * stdio: one JSON object per line.
 *
 *   node --conditions=react-server --import tsx test/budget-worker.ts '<json spec>'
 *
 * (`react-server` makes `server-only` a no-op, as in the Next.js server; tsx
 * resolves the `@/` alias.) Budget limits come from the environment, exactly
 * as in the app.
 */
import { createInterface } from "node:readline";
import { openDb } from "@/db/client";
import { parseBudgetConfig } from "@/lib/budget/limits";
import { reserve, type ReserveEstimate } from "@/lib/budget/reserve";
import { settle } from "@/lib/budget/settle";

export type CycleSpec = { requestId: string; chatId: string; outputTokens: number; holdMs: number };

export type WorkerSpec =
  | { mode: "cycles"; url: string; userId: string; estimate: ReserveEstimate; cycles: CycleSpec[] }
  | { mode: "reserve-then-hang"; url: string; userId: string; chatId: string; estimate: ReserveEstimate; settled: CycleSpec; abandonedRequestId: string; ttlMs: number };

export type CycleOutcome =
  | { requestId: string; outcome: "admitted"; reservedTokens: number; settledTokens: number }
  | { requestId: string; outcome: "refused"; reason: string; scope?: string; unit?: string; renewsAt?: string | null };

function send(message: object): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when the test writes "go": both processes then start at the same moment. */
function waitForGo(): Promise<void> {
  const lines = createInterface({ input: process.stdin });
  return new Promise((resolve) => {
    lines.on("line", (line) => {
      if (line.trim() === "go") {
        lines.close();
        // An open stdin would keep this process alive after its work is done.
        process.stdin.destroy();
        resolve();
      }
    });
  });
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? "{}") as WorkerSpec;
  const config = parseBudgetConfig(process.env);
  const { db, close } = await openDb({ url: spec.url });

  if (spec.mode === "cycles") {
    send({ ready: true, pid: process.pid });
    await waitForGo();
    // One reserve → (stream) → settle cycle per request, all at once.
    const outcomes = await Promise.all(
      spec.cycles.map(async (cycle): Promise<CycleOutcome> => {
        const admission = await reserve({ db, requestId: cycle.requestId, userId: spec.userId, tier: "guest", chatId: cycle.chatId, estimate: spec.estimate, config });
        if (!admission.ok) {
          return admission.reason === "budget_exceeded"
            ? { requestId: cycle.requestId, outcome: "refused", reason: admission.reason, scope: admission.scope, unit: admission.unit, renewsAt: admission.renewsAt?.toISOString() ?? null }
            : { requestId: cycle.requestId, outcome: "refused", reason: admission.reason };
        }
        await sleep(cycle.holdMs);
        const usage = [{ attempt: 1, modelId: spec.estimate.modelIds[0] ?? "mock-ok", inputTokens: spec.estimate.inputTokens, outputTokens: cycle.outputTokens }];
        const settled = await settle({ db, requestId: cycle.requestId, usage, config });
        if (settled.status !== "settled") throw new Error(`settle of ${cycle.requestId}: ${settled.status}`);
        return { requestId: cycle.requestId, outcome: "admitted", reservedTokens: admission.reservation.reservedTokens, settledTokens: settled.tokens };
      }),
    );
    send({ done: true, outcomes });
    await close();
    return;
  }

  // A request that completes, then one that reserves and is killed before it can settle.
  const { settled } = spec;
  const first = await reserve({ db, requestId: settled.requestId, userId: spec.userId, tier: "guest", chatId: spec.chatId, estimate: spec.estimate, config });
  if (!first.ok) throw new Error("the first request was refused");
  await settle({ db, requestId: settled.requestId, usage: [{ attempt: 1, modelId: spec.estimate.modelIds[0] ?? "mock-ok", inputTokens: spec.estimate.inputTokens, outputTokens: settled.outputTokens }], config });
  const abandoned = await reserve({ db, requestId: spec.abandonedRequestId, userId: spec.userId, tier: "guest", chatId: spec.chatId, estimate: spec.estimate, ttlMs: spec.ttlMs, config });
  if (!abandoned.ok) throw new Error("the abandoned request was refused");
  send({ reserved: spec.abandonedRequestId, pid: process.pid });
  // "Streaming" until the test kills the process with SIGKILL: no handler, no settle, no cleanup.
  setInterval(() => {}, 60_000);
}

main().catch((error: unknown) => {
  console.error("[budget-worker]", error);
  process.exit(1);
});
