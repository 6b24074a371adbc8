import type { SchemaField } from "./schema-fields";

const numbers = new Intl.NumberFormat("en-US");

function FilePath({ children }: { children: string }) {
  return (
    <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.8em] break-words text-zinc-900 dark:bg-zinc-800 dark:text-zinc-100">
      {children}
    </code>
  );
}

type HowItWorksProps = {
  fields: SchemaField[];
  maxInputChars: number;
  maxOutputTokens: number;
  /** Dev tools are on: point at the fault switch. */
  devTools: boolean;
};

/** The aside on /summarize: what a feature costs to add, and the schema every summary is checked against. */
export function HowItWorks({ fields, maxInputChars, maxOutputTokens, devTools }: HowItWorksProps) {
  return (
    <aside aria-labelledby="how-it-works" className="min-w-0 lg:pt-1">
      <div className="rounded-2xl border border-zinc-200 bg-zinc-50/70 p-4 sm:p-5 dark:border-zinc-800 dark:bg-zinc-900/60">
        <h2 id="how-it-works" className="text-sm font-semibold text-zinc-950 dark:text-white">
          How this works
        </h2>
        <p className="mt-2 text-[13px] leading-relaxed text-zinc-600 dark:text-zinc-400">
          This whole feature is one file, <FilePath>lib/features/summarize.ts</FilePath> (schema, prompt, limits), plus
          the route <FilePath>app/api/summarize/route.ts</FilePath>; streaming, repair, retries and fallback come from
          the same pipeline the chat uses.
        </p>

        <h3 className="mt-4 text-[11px] font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
          Schema
        </h3>
        <dl className="mt-2 divide-y divide-zinc-200 rounded-xl border border-zinc-200 bg-white text-[13px] dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-950/40">
          {fields.map((field) => (
            <div key={field.name} className="px-3 py-2.5">
              <dt className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
                <span className="font-mono font-semibold text-zinc-900 dark:text-zinc-100">{field.name}</span>
                <span className="font-mono text-xs text-accent-700 dark:text-accent-300">{field.type}</span>
                {field.rule ? (
                  <span className="ml-auto font-mono text-xs text-zinc-500 dark:text-zinc-400">{field.rule}</span>
                ) : null}
              </dt>
              {field.description ? (
                <dd className="mt-0.5 text-xs leading-5 text-zinc-600 dark:text-zinc-400">{field.description}</dd>
              ) : null}
            </div>
          ))}
        </dl>
        <p className="mt-3 text-xs leading-5 text-zinc-500 dark:text-zinc-400">
          Input up to {numbers.format(maxInputChars)} characters; output capped at {numbers.format(maxOutputTokens)}{" "}
          tokens. Nothing you paste is saved.
        </p>
        {devTools ? (
          <p className="mt-3 border-t border-zinc-200 pt-3 text-xs leading-5 text-zinc-600 dark:border-zinc-800 dark:text-zinc-400">
            Try the <span className="font-medium text-zinc-900 dark:text-zinc-100">Faults</span> switch in the header:
            with <FilePath>missing_field</FilePath> the first summary fails the schema and the card is replaced by the
            retry.
          </p>
        ) : null}
      </div>
    </aside>
  );
}
