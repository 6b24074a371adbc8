import { RANGE_LABELS, SOURCE_LABELS, USAGE_RANGES, USAGE_SOURCES, usageHref, type UsageParams } from "@/lib/telemetry/metrics-range";
import { SegmentedLinks } from "./segmented-links";

/** The time-range and data-source pickers of a usage page at `path`. */
export function UsageFilters({ path, params }: { path: string; params: UsageParams }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <SegmentedLinks
        label="Data source"
        testId="usage-source-picker"
        options={USAGE_SOURCES.map((source) => ({
          href: usageHref(path, { ...params, source }),
          label: SOURCE_LABELS[source],
          current: params.source === source,
          testId: `usage-source-${source}`,
        }))}
      />
      <SegmentedLinks
        label="Time range"
        testId="usage-range-picker"
        options={USAGE_RANGES.map((range) => ({
          href: usageHref(path, { ...params, range }),
          label: RANGE_LABELS[range].short,
          current: params.range === range,
          testId: `usage-range-${range}`,
        }))}
      />
    </div>
  );
}
