import Link from "next/link";
import type { ReactNode } from "react";

/** The heading of an eval page, with the way back up (Evals › run › case) and the page's actions. */
export function PageHeader({
  title,
  description,
  trail = [],
  actions,
  badges,
}: {
  title: string;
  description?: ReactNode;
  trail?: readonly { href: string; label: string }[];
  actions?: ReactNode;
  badges?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        {trail.length > 0 ? (
          <nav aria-label="Breadcrumb" className="mb-1">
            <ol className="flex flex-wrap items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400">
              {trail.map((step) => (
                <li key={step.href} className="flex items-center gap-1">
                  <Link href={step.href} className="rounded hover:text-zinc-900 hover:underline dark:hover:text-white">
                    {step.label}
                  </Link>
                  <span aria-hidden="true">›</span>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <h2 className="flex flex-wrap items-center gap-2 text-base font-semibold break-all text-zinc-950 dark:text-white">
          {title}
          {badges}
        </h2>
        {description ? <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{description}</p> : null}
      </div>
      {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}
