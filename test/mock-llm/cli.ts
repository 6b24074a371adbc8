/**
 * `npm run mock-llm -- --port 4010 --fault-rate 0.3 --faults all --seed 7 --latency 20`
 * Runs the OpenAI-compatible test server for manual chaos runs against the app.
 */
import { parseArgs } from "node:util";
import { parseFaultModes, FAULT_MODES, type FaultConfig } from "./faults.ts";
import { startMockLlm } from "./server.ts";

const USAGE = `Usage: npm run mock-llm -- [options]
  --port <n>             port to listen on (default 4010; 0 = any free port)
  --host <addr>          address to bind (default 127.0.0.1)
  --fault-rate <0..1>    probability that a request gets a fault (default 0)
  --faults <list|all>    comma list of fault modes (default all): ${FAULT_MODES.join(", ")}
  --seed <n>             seed for the fault picker (default 1)
  --latency <ms>         delay before the first chunk and between chunks (default 0)
  --chunk-size <n>       characters per streamed chunk (default 8)
  --spike <ms>           first-chunk delay under latency_spike (default 8000)
  --retry-after <s>      Retry-After seconds under rate_limit (default 2)
  --context-window <n>   answer context_length_exceeded above this many tokens
  --quiet                do not log requests`;

function main(): Promise<void> | void {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      "fault-rate": { type: "string", default: "0" },
      faults: { type: "string", default: "all" },
      seed: { type: "string", default: "1" },
      latency: { type: "string", default: "0" },
      "chunk-size": { type: "string", default: "8" },
      spike: { type: "string", default: "8000" },
      "retry-after": { type: "string", default: "2" },
      "context-window": { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  return run(values);
}

type Values = {
  port: string;
  host: string;
  "fault-rate": string;
  faults: string;
  seed: string;
  latency: string;
  "chunk-size": string;
  spike: string;
  "retry-after": string;
  "context-window"?: string;
  quiet: boolean;
};

async function run(values: Values): Promise<void> {
  const faultRate = number("--fault-rate", values["fault-rate"]);
  const faults: FaultConfig | undefined =
    faultRate > 0 ? { rate: faultRate, modes: parseFaultModes(values.faults), seed: number("--seed", values.seed) } : undefined;
  const latency = number("--latency", values.latency);
  const server = await startMockLlm({
    port: number("--port", values.port),
    host: values.host,
    faults,
    firstChunkDelayMs: latency,
    chunkDelayMs: latency,
    chunkSize: number("--chunk-size", values["chunk-size"]),
    latencySpikeMs: number("--spike", values.spike),
    retryAfterSeconds: number("--retry-after", values["retry-after"]),
    contextWindow: values["context-window"] === undefined ? undefined : number("--context-window", values["context-window"]),
    onRequestEnd: values.quiet
      ? undefined
      : (request) =>
          console.log(
            `${new Date().toISOString()} ${request.model} ${request.stream ? "stream" : "json"} ${request.status} ${request.outcome}` +
              (request.fault ? ` fault=${request.fault}` : ""),
          ),
  });

  // The first line is machine-read by the test that spawns this CLI: keep its shape.
  console.log(`Mock LLM listening on ${server.url}
${
  faults
    ? `Faults: rate ${faults.rate}, modes ${faults.modes === "all" ? "all" : faults.modes.join(",")}, seed ${faults.seed}`
    : "Faults: off (pass --fault-rate to enable)"
}

Point Ballast at it:
  OPENAI_BASE_URL=${server.url} LLM_MODEL=${faults ? "mock-chaos" : "mock-ok"} npm run dev
Model ids: mock-ok (never faults), mock-broken (always 500), mock-fault-<mode> (always that fault),
any other id, e.g. LLM_MODEL=mock-chaos, gets the random faults above.
Per request: header "x-mock-fault: <mode>" (or "none").`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: closing mock LLM`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

function number(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) throw new Error(`${flag} expects a number, got "${text}"`);
  return value;
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
}
