/** A shimmering placeholder bar for content that has not arrived yet. */
export function Skeleton({ className = "" }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={`block rounded-md bg-zinc-200/80 motion-safe:animate-pulse dark:bg-zinc-800 ${className}`}
    />
  );
}
