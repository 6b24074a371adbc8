import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/account/auth-card";
import { AuthForm } from "@/components/account/auth-form";
import { nextPath, withNext } from "@/components/account/next-path";
import { getCurrentUser } from "@/lib/identity/page-user";

export const metadata: Metadata = {
  title: "Sign in",
  description: "Sign in to your Ballast account.",
};

type Props = { searchParams: Promise<{ next?: string | string[] }> };

/** "/sign-in": email and password; chats started as a guest in this browser come along. */
export default async function SignInPage({ searchParams }: Props) {
  const next = nextPath((await searchParams).next);
  const user = await getCurrentUser();
  if (user.tier !== "guest") redirect(next);

  return (
    <AuthCard
      title="Welcome back"
      description="Sign in to your account. Chats you started as a guest in this browser come with you."
      footer={
        <>
          New to Ballast?{" "}
          <Link
            href={withNext("/sign-up", next)}
            className="rounded font-medium text-accent-700 underline decoration-accent-300 underline-offset-2 hover:decoration-current dark:text-accent-300 dark:decoration-accent-700"
          >
            Create an account
          </Link>
        </>
      }
    >
      <AuthForm mode="sign-in" next={next} />
    </AuthCard>
  );
}
