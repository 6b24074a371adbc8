import type { Metadata } from "next";
import { CompareForm } from "@/components/admin/evals/compare-form";
import { faultLabel, runLabels } from "@/components/admin/evals/format";
import { PageHeader } from "@/components/admin/evals/page-header";
import { Panel } from "@/components/admin/panel";
import { EmptyNote } from "@/components/admin/evals/elements";
import { RunsTable } from "@/components/admin/evals/runs-table";
import { TrendPanel } from "@/components/admin/evals/trend-panel";
import { getDb } from "@/db/client";
import { loadRunsOverview } from "@/evals/view/runs-overview";
import { requireAdminPage } from "@/lib/identity/require-admin";

export const metadata: Metadata = { title: "Evals" };

/** /admin/evals: recent eval runs, their trend, and a way to compare any two. */
export default async function EvalRunsPage() {
  // The layout checks too, but a page must not rely on it for its own data.
  await requireAdminPage();
  const { reference, runs: items } = await loadRunsOverview({ db: await getDb() });
  const runs = items.map((item) => item.run);
  const oldestFirst = [...items].reverse();
  const labels = runLabels(oldestFirst.map((item) => item.run.startedAt));

  return (
    <div className="space-y-5" data-testid="evals-page">
      <PageHeader
        title="Evals"
        description={
          reference ? (
            <>Regressions are counted against the baseline: {reference.label}.</>
          ) : (
            <>No baseline yet: approve a run to count regressions against it.</>
          )
        }
      />
      {runs.length === 0 ? (
        <EmptyNote>
          <p className="font-medium text-zinc-700 dark:text-zinc-200">No eval runs in this database yet.</p>
          <p className="mt-1">
            Run <code className="rounded bg-zinc-100 px-1 py-0.5 text-xs dark:bg-zinc-800">npm run eval</code> against this database (with PGlite, stop the app first), then reload.
          </p>
        </EmptyNote>
      ) : (
        <>
          <TrendPanel
            points={oldestFirst.map(({ run, regressions }, index) => ({
              runId: run.id,
              label: labels[index] ?? run.id,
              passRate: run.totalTrials === 0 ? 0 : (run.passedTrials / run.totalTrials) * 100,
              flaky: run.flakyCases,
              regressed: regressions ?? 0,
              costMicros: run.costMicros,
              p95LatencyMs: run.p95LatencyMs,
              faults: faultLabel(run),
            }))}
          />
          <Panel title="Runs" description="Newest first. Pass rate counts trials; a flaky case passed some of its trials. Cost is the feature's calls (the offline model's price is nominal).">
            <RunsTable items={items} />
          </Panel>
          {runs.length > 1 ? (
            <Panel title="Compare two runs" description="Which cases regressed, which improved, and what changed in cost and latency.">
              <CompareForm runs={runs} />
            </Panel>
          ) : null}
        </>
      )}
    </div>
  );
}
