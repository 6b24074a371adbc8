import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ApproveButton } from "@/components/admin/evals/approve-button";
import { CaseFilters } from "@/components/admin/evals/case-filters";
import { CasesTable } from "@/components/admin/evals/cases-table";
import { FailuresPanel } from "@/components/admin/evals/failures-panel";
import { faultLabel, formatDate, formatMs } from "@/components/admin/evals/format";
import { PageHeader } from "@/components/admin/evals/page-header";
import { Panel } from "@/components/admin/panel";
import { EmptyNote, link } from "@/components/admin/evals/elements";
import { RunStats } from "@/components/admin/evals/run-stats";
import { StatusBadge } from "@/components/admin/evals/status-badge";
import { getDb } from "@/db/client";
import { canBeBaseline } from "@/evals/gate/baseline";
import { CASE_FILTERS, filterRunCases, loadRunDetail, type CaseFilter } from "@/evals/view/run-detail";
import { requireAdminPage } from "@/lib/identity/require-admin";

export const metadata: Metadata = { title: "Eval run" };

type Props = {
  params: Promise<{ runId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** /admin/evals/:runId: one run, its failures by criterion, and its cases with filters. */
export default async function EvalRunPage({ params, searchParams }: Props) {
  await requireAdminPage();
  const { runId } = await params;
  const query = await searchParams;
  const detail = await loadRunDetail({ db: await getDb(), runId });
  if (!detail) notFound();
  const { run, comparison, reference } = detail;

  const statusParam = first(query.status);
  const status: CaseFilter = CASE_FILTERS.find((option) => option === statusParam) ?? "all";
  const tagParam = first(query.tag) ?? null;
  const tag = tagParam && detail.tags.includes(tagParam) ? tagParam : null;
  const shown = filterRunCases(detail.cases, { status, tag });
  const counts = Object.fromEntries(CASE_FILTERS.map((option) => [option, filterRunCases(detail.cases, { status: option, tag }).length])) as Record<CaseFilter, number>;
  const isBaseline = reference?.runId === run.id;
  const faults = faultLabel(run);
  const base = `/admin/evals/${encodeURIComponent(run.id)}`;
  const downloadHref = `/api/admin/evals/runs/${encodeURIComponent(run.id)}/baseline`;

  return (
    <div className="space-y-5" data-testid="eval-run" data-run-id={run.id}>
      <PageHeader
        trail={[{ href: "/admin/evals", label: "Evals" }]}
        title={`Run ${run.id}`}
        badges={
          <>
            {isBaseline ? <StatusBadge status="baseline" label="baseline" /> : null}
            {faults ? <span className="rounded bg-amber-100 px-1.5 py-px text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">faults: {faults}</span> : null}
          </>
        }
        description={
          <>
            {formatDate(run.startedAt)} · {run.chain.join(" → ")}
            {run.offline ? " (offline model)" : ""} · {run.trialsPerCase} trial{run.trialsPerCase === 1 ? "" : "s"} per case · took {formatMs(run.durationMs)}
            {run.gitSha ? ` · commit ${run.gitSha}` : ""}
            {run.filter ? ` · filter ${run.filter}` : ""}
            {run.judgeModel ? ` · judge ${run.judgeModel}` : " · LLM judge skipped (no real model)"}
          </>
        }
        actions={
          canBeBaseline(run) && !isBaseline ? (
            <ApproveButton runId={run.id} />
          ) : isBaseline && reference?.source === "approved" ? (
            <a href={downloadHref} download className={`${link} text-sm`}>
              Download baseline.json
            </a>
          ) : null
        }
      />

      {isBaseline && reference?.source === "approved" ? (
        <p className="rounded-lg border border-accent-200 bg-accent-50 px-3 py-2 text-sm text-accent-900 dark:border-accent-800 dark:bg-accent-950/50 dark:text-accent-100" data-testid="eval-baseline-note">
          This run is the baseline the admin pages compare with. The CI gate reads the committed <code className="font-mono text-xs">evals/baseline.json</code>: download this
          run&apos;s file above and commit it to make the gate use it too.
        </p>
      ) : null}

      <RunStats run={run} comparison={comparison} />
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {reference ? <>Regressions against the baseline: {reference.label}.</> : <>No baseline yet: regressions cannot be counted.</>}
        {comparison && comparison.newlyFlaky.length > 0 ? <> Newly flaky: {comparison.newlyFlaky.length}.</> : null}
      </p>

      <FailuresPanel runId={run.id} groups={detail.failures} trialsPerCase={run.trialsPerCase} />

      <Panel title="Cases" description="Open a case for its input, expected and actual output, and every criterion's reason per trial.">
        <div className="mb-3">
          <CaseFilters base={base} status={status} tag={tag} counts={counts} tags={detail.tags} />
        </div>
        {shown.length === 0 ? <EmptyNote>No case matches these filters.</EmptyNote> : <CasesTable runId={run.id} cases={shown} trialsPerCase={run.trialsPerCase} />}
      </Panel>
    </div>
  );
}
