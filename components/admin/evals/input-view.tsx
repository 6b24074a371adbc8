import type { Json } from "@/evals/types";
import { JsonValue } from "./json-value";

/** The case's input, field by field (a chat message and its history, or a text to summarize). */
export function InputView({ input }: { input: Json }) {
  const fields = typeof input === "object" && input !== null && !Array.isArray(input) ? Object.entries(input) : [["input", input] as const];
  return (
    <dl className="space-y-3 text-sm" data-testid="eval-case-input">
      {fields.map(([key, value]) => (
        <div key={key}>
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
            {key}
            {typeof value === "string" ? <span className="ml-1.5 font-normal">({value.length.toLocaleString("en-US")} characters)</span> : null}
          </dt>
          <dd className="mt-1 rounded-lg bg-zinc-50 px-3 py-2 text-zinc-800 dark:bg-zinc-950/60 dark:text-zinc-200">
            <JsonValue value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
