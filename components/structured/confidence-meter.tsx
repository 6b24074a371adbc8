type Level = { label: string; bar: string; text: string };

function levelOf(value: number): Level {
  if (value >= 0.75)
    return { label: "High", bar: "bg-emerald-500", text: "text-emerald-700 dark:text-emerald-400" };
  if (value >= 0.45) return { label: "Medium", bar: "bg-amber-500", text: "text-amber-700 dark:text-amber-400" };
  return { label: "Low", bar: "bg-rose-500", text: "text-rose-700 dark:text-rose-400" };
}

type ConfidenceMeterProps = {
  /** The model's self-reported confidence, 0..1. */
  value: number;
  /** `data-testid` of the meter element (each card names its own). */
  testId?: string;
};

/** The model's self-reported confidence (0..1) as a bar and a percentage. */
export function ConfidenceMeter({ value, testId = "reply-confidence" }: ConfidenceMeterProps) {
  const clamped = Math.min(1, Math.max(0, value));
  const percent = Math.round(clamped * 100);
  const level = levelOf(clamped);
  return (
    <div className="flex items-center gap-2 text-xs">
      <span className="text-zinc-500 dark:text-zinc-400" aria-hidden="true">
        Confidence
      </span>
      <div
        data-testid={testId}
        role="meter"
        aria-label="Confidence"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% (${level.label.toLowerCase()})`}
        data-value={clamped}
        className="h-1.5 w-20 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-700"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-500 motion-reduce:transition-none ${level.bar}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      <span className={`min-w-[3.5ch] font-semibold tabular-nums ${level.text}`} aria-hidden="true">
        {percent}%
      </span>
    </div>
  );
}
