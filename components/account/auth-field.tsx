"use client";

import { useState, type ComponentProps } from "react";
import { EyeIcon, EyeOffIcon } from "@/components/ui/icons";

type AuthFieldProps = Omit<ComponentProps<"input">, "id" | "onChange" | "value"> & {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Shown under the field while it has no error ("At least 8 characters"). */
  hint?: string;
  /** The field's validation message; shown, announced and linked to the input when set. */
  error?: string;
  /** A password field with a show/hide switch. */
  password?: boolean;
  testId?: string;
};

/** A labelled input with its hint or validation message, as the auth forms use it. */
export function AuthField({ id, label, value, onChange, hint, error, password, testId, type, ...props }: AuthFieldProps) {
  const [revealed, setRevealed] = useState(false);
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;

  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-zinc-900 dark:text-zinc-100">
        {label}
      </label>
      <div className="relative">
        <input
          {...props}
          id={id}
          data-testid={testId}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          type={password ? (revealed ? "text" : "password") : type}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={
            "block h-10 w-full rounded-lg border bg-white px-3 text-[15px] text-zinc-900 shadow-xs transition-[border-color,box-shadow] " +
            "placeholder:text-zinc-400 focus:ring-4 focus:outline-none disabled:opacity-60 dark:bg-zinc-950 dark:text-zinc-100 dark:placeholder:text-zinc-500 " +
            (password ? "pr-11 " : "") +
            (error
              ? "border-rose-400 focus:border-rose-500 focus:ring-rose-500/15 dark:border-rose-600"
              : "border-zinc-300 focus:border-accent-400 focus:ring-accent-500/15 dark:border-zinc-700 dark:focus:border-accent-500")
          }
        />
        {password ? (
          <button
            type="button"
            onClick={() => setRevealed((shown) => !shown)}
            aria-label={revealed ? "Hide password" : "Show password"}
            aria-pressed={revealed}
            aria-controls={id}
            className="absolute inset-y-0 right-0 flex w-10 items-center justify-center rounded-r-lg text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-100"
          >
            {revealed ? <EyeOffIcon className="size-[18px]" /> : <EyeIcon className="size-[18px]" />}
          </button>
        ) : null}
      </div>
      {error ? (
        <p id={`${id}-error`} className="mt-1.5 text-[13px] leading-5 text-rose-700 dark:text-rose-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1.5 text-[13px] leading-5 text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
