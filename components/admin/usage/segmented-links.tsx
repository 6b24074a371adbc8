import Link from "next/link";

export type SegmentOption = { href: string; label: string; current: boolean; testId?: string };

/**
 * A row of links that behaves like a segmented control: the page is the
 * state (search params), so every choice is a real link that can be opened,
 * shared and used without JavaScript; the chosen one is aria-current.
 */
export function SegmentedLinks({ label, options, testId }: { label: string; options: readonly SegmentOption[]; testId?: string }) {
  return (
    <nav aria-label={label} data-testid={testId}>
      <ul className="inline-flex rounded-lg border border-zinc-200 bg-zinc-100/70 p-0.5 dark:border-zinc-800 dark:bg-zinc-900">
        {options.map((option) => (
          <li key={option.href}>
            <Link
              href={option.href}
              aria-current={option.current ? "page" : undefined}
              data-testid={option.testId}
              scroll={false}
              className={
                "inline-flex h-7 items-center rounded-md px-2.5 text-[13px] font-medium whitespace-nowrap transition-colors " +
                (option.current
                  ? "bg-white text-zinc-950 shadow-xs ring-1 ring-zinc-200 dark:bg-zinc-700 dark:text-white dark:ring-zinc-600"
                  : "text-zinc-600 hover:text-zinc-950 dark:text-zinc-400 dark:hover:text-white")
              }
            >
              {option.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
