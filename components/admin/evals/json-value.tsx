import type { Json } from "@/evals/types";

const LONG = 600;

/** A JSON value for reading: strings as text (long ones folded), anything else pretty-printed. */
export function JsonValue({ value }: { value: Json | undefined }) {
  if (value === undefined) return <span className="text-zinc-400 italic dark:text-zinc-500">absent</span>;
  if (typeof value === "string") {
    if (value.length <= LONG) return <span className="break-words whitespace-pre-wrap">{value === "" ? <span className="text-zinc-400 italic">empty string</span> : value}</span>;
    return (
      <details>
        <summary className="cursor-pointer break-words whitespace-pre-wrap">
          {value.slice(0, LONG)}… <span className="text-xs font-medium text-accent-700 dark:text-accent-300">show all {value.length.toLocaleString("en-US")} characters</span>
        </summary>
        <span className="break-words whitespace-pre-wrap">{value.slice(LONG)}</span>
      </details>
    );
  }
  const text = JSON.stringify(value, null, 2);
  return <pre className="font-mono text-xs leading-relaxed break-words whitespace-pre-wrap">{text.length > 4000 ? `${text.slice(0, 4000)}…` : text}</pre>;
}
