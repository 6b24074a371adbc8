import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { ChatBubbleIcon, LogInIcon, PlusIcon } from "@/components/ui/icons";
import { getCurrentUser } from "@/lib/identity/page-user";

export default async function ChatNotFound() {
  const guest = (await getCurrentUser()).tier === "guest";
  return (
    <div className="flex flex-1 flex-col items-center justify-center px-6 py-16 text-center">
      <div className="flex size-12 items-center justify-center rounded-2xl bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400">
        <ChatBubbleIcon className="size-6" />
      </div>
      <h1 className="mt-5 text-xl font-semibold tracking-tight text-zinc-950 dark:text-white">Chat not found</h1>
      <p className="mt-2 max-w-sm text-[15px] leading-relaxed text-zinc-600 dark:text-zinc-400">
        This chat does not exist, or it belongs to someone else.{" "}
        {guest
          ? "A guest's chats stay in the browser that started them; sign in to see your account's chats."
          : "Only the account that started a chat can open it."}
      </p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <Link href="/" className={buttonClasses({ variant: "primary" })}>
          <PlusIcon />
          Start a new chat
        </Link>
        {guest ? (
          <Link href="/sign-in" className={buttonClasses({ variant: "secondary" })}>
            <LogInIcon />
            Sign in
          </Link>
        ) : null}
      </div>
    </div>
  );
}
