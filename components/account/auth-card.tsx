import type { ReactNode } from "react";
import { BallastMark, CheckIcon } from "@/components/ui/icons";

/** The auth pages' frame: a centred card in the app's main region, under the usual header and sidebar. */
export function AuthCard({
  title,
  description,
  perks,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  /** What an account brings, as a short checked list under the title. */
  perks?: string[];
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto flex min-h-full w-full max-w-[28rem] flex-col justify-center px-4 py-6 sm:py-8">
        <div className="rounded-2xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-7 dark:border-zinc-800 dark:bg-zinc-900">
          <BallastMark className="size-8" />
          <h1 className="mt-3.5 text-[22px] leading-tight font-semibold tracking-tight text-zinc-950 dark:text-white">
            {title}
          </h1>
          {description ? (
            <p className="mt-1.5 text-[15px] leading-relaxed text-zinc-600 dark:text-zinc-400">{description}</p>
          ) : null}
          {perks ? (
            <ul className="mt-3 space-y-1 text-[13px] leading-5 text-zinc-600 sm:text-sm dark:text-zinc-400">
              {perks.map((perk) => (
                <li key={perk} className="flex items-start gap-2">
                  <CheckIcon className="mt-0.5 size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
                  {perk}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="mt-5">{children}</div>
        </div>
        <p className="mt-5 text-center text-sm text-zinc-600 dark:text-zinc-400">{footer}</p>
      </div>
    </div>
  );
}
