import { Skeleton } from "@/components/ui/skeleton";

const PLACEHOLDER_WIDTHS = ["w-12", "w-16", "w-10"];

type TagListProps = {
  tags: string[];
  /** More tags may still arrive: show placeholder chips after the ones that have. */
  pending: boolean;
  testId: string;
};

/** Topic tags as chips; while the list is still streaming, skeleton chips hold its place. */
export function TagList({ tags, pending, testId }: TagListProps) {
  return (
    <ul data-testid={testId} aria-label="Tags" className="flex min-h-6 flex-wrap items-center gap-1.5">
      {tags.map((tag, index) => (
        <li
          key={`${index}-${tag}`}
          className="rounded-full border border-zinc-200 bg-zinc-50 px-2.5 py-0.5 text-xs font-medium text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
        >
          {tag}
        </li>
      ))}
      {pending
        ? PLACEHOLDER_WIDTHS.slice(tags.length > 0 ? 2 : 0).map((width) => (
            <li key={width} aria-hidden="true">
              <Skeleton className={`h-6 rounded-full ${width}`} />
            </li>
          ))
        : null}
    </ul>
  );
}
