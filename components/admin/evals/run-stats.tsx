import type { EvalRunRow } from "@/db/queries/evals";
import type { RunComparison } from "@/evals/compare";
import { formatCount, formatMicros, formatMs, formatPercent } from "./format";
import { Stat } from "./elements";

/** A run's headline figures. */
export function RunStats({ run, comparison }: { run: EvalRunRow; comparison: RunComparison | null }) {
  const rate = run.totalTrials === 0 ? 0 : run.passedTrials / run.totalTrials;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
      <Stat label="Pass rate" value={formatPercent(rate)} detail={`${formatCount(run.passedTrials)} of ${formatCount(run.totalTrials)} trials`} testId="eval-run-pass-rate" />
      <Stat label="Cases passed" value={`${run.passedCases} / ${run.cases}`} detail={run.erroredCases > 0 ? `${run.failedCases} failed, ${run.erroredCases} errored` : `${run.failedCases} failed`} />
      <Stat label="Flaky" value={formatCount(run.flakyCases)} detail="passed some trials" />
      <Stat
        label="Regressed"
        value={comparison ? formatCount(comparison.regressed.length) : "—"}
        detail={comparison ? `${comparison.improved.length} improved` : "no baseline"}
        testId="eval-run-regressed"
      />
      <Stat label="Cost" value={formatMicros(run.costMicros)} detail={run.judgeCostMicros > 0 ? `+ ${formatMicros(run.judgeCostMicros)} judge` : run.offline ? "nominal (offline)" : "feature calls"} />
      <Stat label="p95 latency" value={formatMs(run.p95LatencyMs)} detail={`p50 ${formatMs(run.p50LatencyMs)}`} />
    </dl>
  );
}
