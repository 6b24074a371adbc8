"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ChatError } from "@/lib/chat/chat-error";
import { describeError, isErrorCode } from "@/lib/errors";
import { useCurrentUser } from "@/components/account/current-user-provider";
import { withNext } from "@/components/account/next-path";
import { Button, buttonClasses } from "@/components/ui/button";
import { AlertIcon, PencilIcon, PlusIcon, RetryIcon, XIcon } from "@/components/ui/icons";

/** Whether sending the same message again can help (the shared error table decides). */
export function isRetryable(error: ChatError): boolean {
  return isErrorCode(error.code) ? describeError(error.code).retryable : true;
}

type ChatErrorAlertProps = {
  error: ChatError;
  /** Resend the last message: offered when the error is retryable. */
  onRetry?: () => void;
  /** Take the unanswered message back into the input: offered when a retry cannot help. */
  onEdit?: () => void;
  onDismiss: () => void;
};

/**
 * The server's own message for what went wrong, with the one action that can
 * fix it: try again, edit the message, start a new chat (a chat's budget is
 * spent) or sign up (a guest's daily or monthly budget is spent).
 */
export function ChatErrorAlert({ error, onRetry, onEdit, onDismiss }: ChatErrorAlertProps) {
  const user = useCurrentUser();
  const pathname = usePathname();
  const offerSignUp = user.tier === "guest" && (error.code === "budget_exceeded:day" || error.code === "budget_exceeded:month");
  const offerNewChat = error.code === "budget_exceeded:chat" && pathname !== "/summarize";
  const hasActions = Boolean(onRetry || onEdit || offerSignUp || offerNewChat);

  return (
    <div
      role="alert"
      data-testid="chat-error"
      data-error-code={error.code}
      className="flex items-start gap-3 rounded-xl border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900 shadow-xs dark:border-rose-900/70 dark:bg-rose-950/50 dark:text-rose-100"
    >
      <AlertIcon className="mt-0.5 size-[18px] shrink-0 text-rose-600 dark:text-rose-400" />
      <div className="min-w-0 flex-1">
        <p className="leading-5">{error.message}</p>
        {hasActions ? (
          <div className="mt-2.5 flex flex-wrap items-center gap-2">
            {offerSignUp ? (
              <Link
                href={withNext("/sign-up", pathname)}
                data-testid="budget-sign-up-link"
                title="Your chats come with you"
                className={buttonClasses({ variant: "primary", size: "sm" })}
              >
                Sign up for a larger budget
              </Link>
            ) : null}
            {offerNewChat ? (
              <Link href="/" className={buttonClasses({ variant: "danger", size: "sm" })}>
                <PlusIcon />
                Start a new chat
              </Link>
            ) : null}
            {onRetry ? (
              <Button variant="danger" size="sm" onClick={onRetry}>
                <RetryIcon />
                Try again
              </Button>
            ) : null}
            {onEdit ? (
              <Button variant="danger" size="sm" onClick={onEdit}>
                <PencilIcon />
                Edit message
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      <Button
        variant="ghost"
        size="icon-sm"
        aria-label="Dismiss error"
        onClick={onDismiss}
        className="-mt-0.5 -mr-1 text-rose-700 hover:bg-rose-100 hover:text-rose-900 dark:text-rose-300 dark:hover:bg-rose-900/60 dark:hover:text-rose-100"
      >
        <XIcon />
      </Button>
    </div>
  );
}
