import cliProgress from "cli-progress";
import type { CaseResult, CaseStatus } from "../types";

export type Progress = {
  trialDone: () => void;
  caseDone: (result: CaseResult) => void;
  stop: () => void;
};

export const STATUS_MARK: Record<CaseStatus, string> = { passed: "✓", failed: "✗", flaky: "~", errored: "!" };

/**
 * A progress bar on a terminal; on CI or in a pipe (no TTY), one plain line per
 * finished case instead, since a redrawn bar turns into noise in a log file.
 */
export function createProgress({ totalTrials, interactive, quiet }: { totalTrials: number; interactive: boolean; quiet: boolean }): Progress {
  const counts = { passed: 0, failed: 0, flaky: 0, errored: 0 };
  if (quiet) return { trialDone: () => {}, caseDone: () => {}, stop: () => {} };
  if (!interactive) {
    return {
      trialDone: () => {},
      caseDone: (result) => {
        const trials = `${result.passedTrials}/${result.trials.length}`;
        console.log(`  ${STATUS_MARK[result.status]} ${result.id} ${result.status} (${trials} trials)`);
      },
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: "evals [{bar}] {value}/{total} trials · {passed} passed · {failed} failed · {flaky} flaky · {errored} errored · {duration}s", hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalTrials, 0, counts);
  return {
    trialDone: () => bar.increment(),
    caseDone: (result) => {
      counts[result.status]++;
      bar.update(counts);
    },
    stop: () => bar.stop(),
  };
}
