import type { Metadata } from "next";
import Link from "next/link";
import { CompareForm } from "@/components/admin/evals/compare-form";
import { ComparisonLists } from "@/components/admin/evals/comparison-lists";
import { faultLabel, formatDate, formatMicros, formatMs, formatPercent } from "@/components/admin/evals/format";
import { PageHeader } from "@/components/admin/evals/page-header";
import { Panel } from "@/components/admin/panel";
import { EmptyNote, link, td, tdNumber, th } from "@/components/admin/evals/elements";
import { getDb } from "@/db/client";
import { caseStatusesOf, getEvalRun, listEvalRuns, type EvalRunRow } from "@/db/queries/evals";
import { compareRuns } from "@/evals/compare";
import { requireAdminPage } from "@/lib/identity/require-admin";

export const metadata: Metadata = { title: "Compare eval runs" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const rateOf = (run: EvalRunRow) => (run.totalTrials === 0 ? 0 : run.passedTrials / run.totalTrials);

const FIGURES: { label: string; show: (run: EvalRunRow) => string }[] = [
  { label: "Pass rate", show: (run) => formatPercent(rateOf(run)) },
  { label: "Cases passed", show: (run) => `${run.passedCases} / ${run.cases}` },
  { label: "Flaky cases", show: (run) => String(run.flakyCases) },
  { label: "Errored cases", show: (run) => String(run.erroredCases) },
  { label: "Cost", show: (run) => formatMicros(run.costMicros) },
  { label: "p95 latency", show: (run) => formatMs(run.p95LatencyMs) },
];

/** /admin/evals/compare?a=…&b=…: any two runs side by side, with the cases that regressed or improved. */
export default async function CompareRunsPage({ searchParams }: Props) {
  await requireAdminPage();
  const query = await searchParams;
  const db = await getDb();
  const runs = await listEvalRuns({ db, limit: 50 });
  const beforeId = first(query.a) ?? runs[1]?.id;
  const afterId = first(query.b) ?? runs[0]?.id;
  const [before, after] = await Promise.all([beforeId ? getEvalRun({ db, runId: beforeId }) : null, afterId ? getEvalRun({ db, runId: afterId }) : null]);
  const comparison =
    before && after ? compareRuns(await caseStatusesOf({ db, runId: before.id }), await caseStatusesOf({ db, runId: after.id })) : null;

  return (
    <div className="space-y-5" data-testid="eval-compare">
      <PageHeader trail={[{ href: "/admin/evals", label: "Evals" }]} title="Compare runs" description="Before on the left, after on the right." />
      <Panel title="Runs to compare">
        {runs.length < 2 ? <EmptyNote>There are fewer than two runs to compare.</EmptyNote> : <CompareForm runs={runs} before={before?.id} after={after?.id} />}
      </Panel>
      {before && after && comparison ? (
        <>
          <Panel title="Figures">
            <div className="-mx-4 overflow-x-auto sm:mx-0">
              <table className="w-full min-w-[28rem] text-sm">
                <caption className="sr-only">The two runs&apos; figures side by side</caption>
                <thead className="border-b border-zinc-200 dark:border-zinc-800">
                  <tr>
                    <th scope="col" className={th}>
                      <span className="sr-only">Figure</span>
                    </th>
                    {[before, after].map((run, index) => (
                      <th key={run.id} scope="col" className={`${th} text-right`}>
                        <span className="block">{index === 0 ? "Before" : "After"}</span>
                        <Link href={`/admin/evals/${encodeURIComponent(run.id)}`} className={`${link} font-mono text-[11px] font-normal`}>
                          {formatDate(run.startedAt)}
                        </Link>
                        {faultLabel(run) ? <span className="block text-[11px] font-normal text-amber-800 dark:text-amber-300">faults: {faultLabel(run)}</span> : null}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                  {FIGURES.map((figure) => (
                    <tr key={figure.label}>
                      <th scope="row" className={`${td} font-normal`}>
                        {figure.label}
                      </th>
                      <td className={tdNumber}>{figure.show(before)}</td>
                      <td className={tdNumber}>{figure.show(after)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Panel>
          <Panel title="Cases" description={`${comparison.unchanged} case${comparison.unchanged === 1 ? "" : "s"} unchanged.`}>
            <ComparisonLists comparison={comparison} before={before.id} after={after.id} />
          </Panel>
        </>
      ) : runs.length >= 2 ? (
        <EmptyNote>One of the runs asked for does not exist. Pick two runs above.</EmptyNote>
      ) : null}
    </div>
  );
}
