"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import { authClient } from "@/lib/auth/auth-client";
import { Button } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";
import { AuthField } from "./auth-field";
import { withNext } from "./next-path";

export const MIN_PASSWORD_LENGTH = 8;
/** better-auth's default maximum. */
const MAX_PASSWORD_LENGTH = 128;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Mode = "sign-up" | "sign-in";
type FieldName = "name" | "email" | "password" | "confirm";
type Values = Record<FieldName, string>;

const FIELDS: Record<Mode, FieldName[]> = {
  "sign-up": ["name", "email", "password", "confirm"],
  "sign-in": ["email", "password"],
};

function validate(mode: Mode, values: Values): Partial<Record<FieldName, string>> {
  const errors: Partial<Record<FieldName, string>> = {};
  if (mode === "sign-up" && values.name.trim() === "") errors.name = "Enter your name.";
  const email = values.email.trim();
  if (email === "") errors.email = "Enter your email address.";
  else if (!EMAIL.test(email)) errors.email = "Enter an email address like name@example.com.";
  if (values.password === "") errors.password = mode === "sign-up" ? "Choose a password." : "Enter your password.";
  else if (mode === "sign-up" && values.password.length < MIN_PASSWORD_LENGTH)
    errors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  else if (mode === "sign-up" && values.password.length > MAX_PASSWORD_LENGTH)
    errors.password = `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (mode === "sign-up" && values.confirm !== values.password && (values.confirm !== "" || values.password !== ""))
    errors.confirm = values.confirm === "" ? "Type the password again." : "The passwords do not match.";
  return errors;
}

type ServerError = { message: string; accountExists: boolean };

/** What better-auth answered, in words a user can act on; its own message when it has one. */
function toServerError(error: { message?: string; code?: string; status?: number }): ServerError {
  const accountExists = error.code?.startsWith("USER_ALREADY_EXISTS") ?? false;
  if (accountExists) return { message: "An account with this email already exists.", accountExists };
  if (error.status === 429) return { message: "Too many attempts. Wait a minute and try again.", accountExists };
  if (error.code === "INVALID_EMAIL_OR_PASSWORD") return { message: "That email and password do not match an account.", accountExists };
  return { message: error.message || `The server refused the request (${error.status ?? "no answer"}). Try again.`, accountExists };
}

/**
 * Sign-up (name, email, password twice) or sign-in (email, password) against
 * better-auth. Fields are checked as they are left and on submit; the server's
 * own refusal shows above the button. From a guest session both keep the
 * guest's chats (the server moves them). Success refreshes the server-rendered
 * shell and goes on to `next`.
 */
export function AuthForm({ mode, next }: { mode: Mode; next: string }) {
  const id = useId();
  const router = useRouter();
  const [values, setValues] = useState<Values>({ name: "", email: "", password: "", confirm: "" });
  const [touched, setTouched] = useState<Partial<Record<FieldName, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [pending, setPending] = useState(false);
  const [navigating, startNavigation] = useTransition();
  const [serverError, setServerError] = useState<ServerError | null>(null);
  const form = useRef<HTMLFormElement>(null);

  const errors = validate(mode, values);
  const shown = (field: FieldName) => (submitted || touched[field] ? errors[field] : undefined);
  const busy = pending || navigating;

  const field = (name: FieldName) => ({
    id: `${id}-${name}`,
    value: values[name],
    onChange: (value: string) => setValues((current) => ({ ...current, [name]: value })),
    onBlur: () => setTouched((current) => (current[name] ? current : { ...current, [name]: true })),
    error: shown(name),
    disabled: busy,
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setSubmitted(true);
    setServerError(null);
    const firstInvalid = FIELDS[mode].find((name) => errors[name]);
    if (firstInvalid) {
      form.current?.querySelector<HTMLInputElement>(`#${CSS.escape(`${id}-${firstInvalid}`)}`)?.focus();
      return;
    }

    setPending(true);
    try {
      const email = values.email.trim();
      const { error } =
        mode === "sign-up"
          ? await authClient.signUp.email({ name: values.name.trim(), email, password: values.password })
          : await authClient.signIn.email({ email, password: values.password });
      if (error) {
        setServerError(toServerError(error));
        setPending(false);
        return;
      }
    } catch {
      setServerError({ message: "Could not reach Ballast. Check your connection and try again.", accountExists: false });
      setPending(false);
      return;
    }
    // The shell (user menu, chat list, budget) is server-rendered for the old session: render it again.
    startNavigation(() => {
      router.replace(next);
      router.refresh();
    });
  };

  const submitLabel = mode === "sign-up" ? (busy ? "Creating your account…" : "Create account") : busy ? "Signing in…" : "Sign in";

  return (
    <form ref={form} noValidate onSubmit={(event) => void onSubmit(event)} aria-busy={busy} className="space-y-4">
      <span role="status" className="sr-only">
        {busy ? submitLabel : ""}
      </span>
      {mode === "sign-up" ? (
        <AuthField {...field("name")} testId="auth-name" label="Name" autoComplete="name" autoCapitalize="words" />
      ) : null}
      <AuthField
        {...field("email")}
        testId="auth-email"
        label="Email"
        type="email"
        autoComplete={mode === "sign-up" ? "email" : "username"}
        inputMode="email"
        autoCapitalize="none"
        spellCheck={false}
      />
      <AuthField
        {...field("password")}
        testId="auth-password"
        label="Password"
        password
        autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
        hint={mode === "sign-up" ? `At least ${MIN_PASSWORD_LENGTH} characters.` : undefined}
      />
      {mode === "sign-up" ? (
        <AuthField
          {...field("confirm")}
          testId="auth-confirm"
          label="Confirm password"
          password
          autoComplete="new-password"
        />
      ) : null}

      {serverError ? (
        <div
          role="alert"
          data-testid="auth-error"
          className="flex items-start gap-2.5 rounded-lg border border-rose-200 bg-rose-50 px-3 py-2.5 text-sm text-rose-900 dark:border-rose-900/70 dark:bg-rose-950/50 dark:text-rose-100"
        >
          <AlertIcon className="mt-0.5 size-4 shrink-0 text-rose-600 dark:text-rose-400" />
          <p className="leading-5">
            {serverError.message}{" "}
            {serverError.accountExists ? (
              <Link
                href={withNext("/sign-in", next)}
                className="font-medium underline decoration-rose-400 underline-offset-2 hover:decoration-current"
              >
                Sign in instead
              </Link>
            ) : null}
          </p>
        </div>
      ) : null}

      <Button type="submit" data-testid="auth-submit" variant="primary" className="h-10 w-full" disabled={busy}>
        {busy ? <Spinner /> : null}
        {submitLabel}
      </Button>
    </form>
  );
}

function Spinner() {
  return (
    <span
      aria-hidden="true"
      className="size-4 rounded-full border-2 border-white/40 border-t-white motion-safe:animate-spin"
    />
  );
}
