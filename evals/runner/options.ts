import { parseArgs } from "node:util";
import type { FaultSetting } from "../types";
import { parseFaultSetting } from "./faults";
import { DEFAULT_REPORT_DIR } from "./reports";

export type EvalOptions = {
  trials: number;
  concurrency: number;
  model: string | null;
  judgeModel: string | null;
  filter: string | null;
  faults: FaultSetting | null;
  outDir: string;
  store: boolean;
  approve: boolean;
  quiet: boolean;
  help: boolean;
};

export const EVAL_USAGE = `npm run eval -- [options]

  --trials, -k <n>       trials per case (default 3); a case passing some trials is flaky
  --concurrency <n>      trials running at once (default 8)
  --model <id>           eval this model alone instead of the app's chain (LLM_MODEL/LLM_FALLBACK_MODELS)
  --judge-model <id>     model for LLM-judge criteria (default: the chain's primary; none offline)
  --filter <terms>       comma-separated case ids, tags or feature names; "reply.adversarial.*" matches a prefix
  --faults <modes>       inject offline-model faults, e.g. missing_field or prose,fence (see lib/ai/faults.ts)
  --fault-rate <0-1>     share of attempts that fault (default 1: every attempt)
  --fault-seed <n>       seed of the fault sequence (default 1)
  --out <dir>            where the JSON and JUnit reports go (default ${DEFAULT_REPORT_DIR})
  --no-db                do not store the run in the database
  --approve              approve this run as the baseline: writes evals/baseline.json (commit it) and marks the run
  --quiet                no progress output`;

function positiveInt(name: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`--${name} must be an integer from 1 to ${max}, got "${text}"`);
  return value;
}

/** The eval CLI's arguments; throws with what is wrong (the CLI exits 2). */
export function parseEvalOptions(argv: readonly string[]): EvalOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      trials: { type: "string", short: "k" },
      concurrency: { type: "string" },
      model: { type: "string" },
      "judge-model": { type: "string" },
      filter: { type: "string" },
      faults: { type: "string" },
      "fault-rate": { type: "string" },
      "fault-seed": { type: "string" },
      out: { type: "string" },
      "no-db": { type: "boolean" },
      approve: { type: "boolean" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const faults = parseFaultSetting({ modes: values.faults, rate: values["fault-rate"], seed: values["fault-seed"] });
  if (!values.faults && (values["fault-rate"] || values["fault-seed"])) throw new Error("--fault-rate and --fault-seed need --faults");
  if (values.approve && (faults || values.filter)) {
    throw new Error("--approve needs a whole, clean run: drop --faults and --filter");
  }
  return {
    trials: positiveInt("trials", values.trials, 3, 20),
    concurrency: positiveInt("concurrency", values.concurrency, 8, 64),
    model: values.model?.trim() || null,
    judgeModel: values["judge-model"]?.trim() || null,
    filter: values.filter?.trim() || null,
    faults,
    outDir: values.out ?? DEFAULT_REPORT_DIR,
    store: !values["no-db"],
    approve: values.approve ?? false,
    quiet: values.quiet ?? false,
    help: values.help ?? false,
  };
}
