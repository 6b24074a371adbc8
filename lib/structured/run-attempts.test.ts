import type { LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { describe, expect, it } from "vitest";
import type { FaultMode } from "@/lib/ai/faults";
import { OfflineModel } from "@/lib/ai/offline-model";
import type { ChainModel } from "@/lib/ai/registry";
import { replyFeature, replySchema } from "@/lib/features/reply";
import { runAttempts, type AttemptPolicy, type RunEvent } from "./run-attempts";

/** The offline model, recording every call it gets (prompt included). */
class RecordingModel extends OfflineModel {
  readonly calls: LanguageModelV4CallOptions[] = [];
  override doStream(options: LanguageModelV4CallOptions) {
    this.calls.push(options);
    return super.doStream(options);
  }
}

function chainOf(...ids: string[]): { chain: ChainModel[]; models: RecordingModel[] } {
  const models = ids.map(
    (id) => new RecordingModel({ modelId: id, latency: { firstChunkMs: 0, chunkMs: 0 }, latencySpikeMs: 400, retryAfterSeconds: 0 }),
  );
  return { chain: models.map((model, i) => ({ id: ids[i]!, model })), models };
}

/** Faults handed out in order, one per attempt; `null` means a clean attempt. */
function faults(...sequence: Array<FaultMode | null>) {
  let i = 0;
  return () => sequence[i++] ?? null;
}

const policy: AttemptPolicy = { maxAttempts: 4, timeouts: { firstChunkMs: 5_000, totalMs: 10_000 }, slowNoticeMs: 5_000, maxBackoffMs: 2_000 };
const messages = [{ role: "user" as const, content: "How do I cap LLM spend per user per day with Postgres?" }];

async function run(chain: ChainModel[], pickFault: () => FaultMode | null, overrides: Partial<AttemptPolicy> = {}, signal?: AbortSignal) {
  const events: RunEvent<unknown>[] = [];
  const result = await runAttempts({
    chain,
    feature: replyFeature,
    messages,
    policy: { ...policy, ...overrides },
    pickFault,
    signal,
    onEvent: (event) => events.push(event),
  });
  return { result, events, reasons: result.attempts.map((a) => `${a.modelId}:${a.reason}`) };
}

describe("runAttempts", () => {
  it("answers at the first attempt when the output only needs repair, and names the repairs", async () => {
    const { chain } = chainOf("offline");
    const { result } = await run(chain, faults("prose"));
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    expect(result.attempts).toHaveLength(1);
    expect(result.repairs).toEqual(["removed_leading_prose", "removed_trailing_prose"]);
    expect(replySchema.safeParse(result.value).success).toBe(true);
  });

  it("retries invalid output once on the same model, with the failed reply and the error fed back", async () => {
    const { chain, models } = chainOf("offline");
    const { result, reasons } = await run(chain, faults("missing_field", null));
    expect(result.status).toBe("ok");
    expect(reasons).toEqual(["offline:first", "offline:invalid_output"]);
    const retryPrompt = models[0]!.calls[1]!.prompt;
    const lastTwo = retryPrompt.slice(-2);
    expect(lastTwo[0]?.role).toBe("assistant");
    expect(JSON.stringify(lastTwo[0])).not.toContain('\\"summary\\"');
    expect(JSON.stringify(lastTwo[1])).toMatch(/could not be used: summary/);
    // The retry answers the visitor's question, not the feedback turn.
    expect(result.status === "ok" && (result.value as { summary: string }).summary).toContain("Postgres");
  });

  it("gives up with invalid_output:model after the retry also fails and there is no other model", async () => {
    const { chain } = chainOf("offline");
    const { result } = await run(chain, faults("missing_field", "truncate"));
    expect(result.status).toBe("failed");
    if (result.status !== "failed") return;
    expect(result.error.code).toBe("invalid_output:model");
    expect(result.attempts).toHaveLength(2);
  });

  it("waits out a 429 once (Retry-After within the limit), then tries the same model again", async () => {
    const { chain } = chainOf("offline");
    const { result, reasons, events } = await run(chain, faults("rate_limit", null));
    expect(result.status).toBe("ok");
    expect(reasons).toEqual(["offline:first", "offline:rate_limited"]);
    expect(events.some((event) => event.type === "backoff")).toBe(true);
  });

  it("falls back to the next model when a 429 asks for a longer wait than allowed", async () => {
    const models = [
      new OfflineModel({ modelId: "primary", latency: { firstChunkMs: 0, chunkMs: 0 }, retryAfterSeconds: 30 }),
      new OfflineModel({ modelId: "backup", latency: { firstChunkMs: 0, chunkMs: 0 } }),
    ];
    const chain = models.map((model) => ({ id: model.modelId, model }));
    const { result, reasons } = await run(chain, faults("rate_limit", null));
    expect(result.status === "ok" && result.modelId).toBe("backup");
    expect(reasons).toEqual(["primary:first", "backup:fallback"]);
  });

  it.each(["server_error", "stream_cut"] as const)("moves to the fallback model on %s", async (fault) => {
    const { chain } = chainOf("primary", "backup");
    const { result, reasons } = await run(chain, faults(fault, null));
    expect(result.status === "ok" && result.modelId).toBe("backup");
    expect(reasons).toEqual(["primary:first", "backup:fallback"]);
  });

  it("retries a transient error once on the only model", async () => {
    const { chain } = chainOf("offline");
    const { result, reasons } = await run(chain, faults("server_error", null));
    expect(result.status).toBe("ok");
    expect(reasons).toEqual(["offline:first", "offline:transient"]);
  });

  it("abandons a model that does not start within the first-chunk timeout, and says it was slow first", async () => {
    const { chain } = chainOf("primary", "backup");
    const { result, reasons, events } = await run(chain, faults("latency_spike", null), {
      timeouts: { firstChunkMs: 200, totalMs: 5_000 },
      slowNoticeMs: 50,
    });
    expect(result.status === "ok" && result.modelId).toBe("backup");
    expect(reasons).toEqual(["primary:first", "backup:fallback"]);
    const first = result.attempts[0]!.result;
    expect(!first.ok && first.failure).toMatchObject({ kind: "timeout", phase: "first_chunk" });
    expect(events.findIndex((event) => event.type === "slow")).toBeLessThan(events.findIndex((event) => event.type === "attempt-end"));
  });

  it("reports a slow model that does answer in time, and the answer still arrives", async () => {
    const { chain } = chainOf("offline");
    const { result, events } = await run(chain, faults("latency_spike"), { slowNoticeMs: 100 });
    expect(result.status).toBe("ok");
    const order = events.map((event) => event.type).filter((type) => type === "slow" || type === "first-chunk");
    expect(order).toEqual(["slow", "first-chunk"]);
  });

  it("never makes more calls than the attempt budget", async () => {
    const { chain, models } = chainOf("a", "b", "c");
    const { result } = await run(chain, () => "server_error", { maxAttempts: 2 });
    expect(result.status).toBe("failed");
    expect(models.reduce((calls, model) => calls + model.calls.length, 0)).toBe(2);
    if (result.status === "failed") expect(result.error.code).toBe("provider_error:model");
  });

  it("stops at once when the user aborts during a backoff", async () => {
    const models = [new OfflineModel({ modelId: "offline", latency: { firstChunkMs: 0, chunkMs: 0 }, retryAfterSeconds: 1 })];
    const controller = new AbortController();
    const pending = run(models.map((model) => ({ id: "offline", model })), faults("rate_limit", null), {}, controller.signal);
    setTimeout(() => controller.abort(), 100);
    const { result } = await pending;
    expect(result.status).toBe("aborted");
    expect(result.attempts).toHaveLength(1);
  });

  it("turns a final rate limit into rate_limited:model saying when to retry", async () => {
    const models = [new OfflineModel({ modelId: "offline", latency: { firstChunkMs: 0, chunkMs: 0 }, retryAfterSeconds: 30 })];
    const { result } = await run(models.map((model) => ({ id: "offline", model })), () => "rate_limit");
    expect(result.status).toBe("failed");
    if (result.status !== "failed") return;
    expect(result.error.code).toBe("rate_limited:model");
    expect(result.error.message).toContain("30 seconds");
  });
});
