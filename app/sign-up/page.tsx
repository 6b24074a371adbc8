import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/account/auth-card";
import { AuthForm } from "@/components/account/auth-form";
import { nextPath, withNext } from "@/components/account/next-path";
import { getBudgetConfig } from "@/lib/budget/limits";
import { getCurrentUser } from "@/lib/identity/page-user";

export const metadata: Metadata = {
  title: "Sign up",
  description: "Create a Ballast account: keep your chats and get a larger budget.",
};

const numbers = new Intl.NumberFormat("en-US");

/** "200,000 tokens a day instead of a guest's 20,000." (null = unlimited) */
function dailyBudgetPerk(account: number | null, guest: number | null): string {
  if (account === null) return "No daily token limit.";
  const guests = guest === null ? "" : ` instead of a guest's ${numbers.format(guest)}`;
  return `${numbers.format(account)} tokens a day${guests}.`;
}

type Props = { searchParams: Promise<{ next?: string | string[] }> };

/** "/sign-up": name, email and password; a guest's chats move to the new account. */
export default async function SignUpPage({ searchParams }: Props) {
  const next = nextPath((await searchParams).next);
  const user = await getCurrentUser();
  if (user.tier !== "guest") redirect(next);

  const { tiers } = getBudgetConfig();
  return (
    <AuthCard
      title="Create your account"
      perks={[
        "The chats you started as a guest come with you.",
        dailyBudgetPerk(tiers.user.user_day.tokens, tiers.guest.user_day.tokens),
        "Your chats in any browser you sign in from.",
      ]}
      footer={
        <>
          Already have an account?{" "}
          <Link
            href={withNext("/sign-in", next)}
            className="rounded font-medium text-accent-700 underline decoration-accent-300 underline-offset-2 hover:decoration-current dark:text-accent-300 dark:decoration-accent-700"
          >
            Sign in
          </Link>
        </>
      }
    >
      <AuthForm mode="sign-up" next={next} />
    </AuthCard>
  );
}
