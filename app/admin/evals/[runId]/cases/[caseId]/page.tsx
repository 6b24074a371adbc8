import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AssertionsList } from "@/components/admin/evals/assertions-list";
import { CaseDiff } from "@/components/admin/evals/case-diff";
import { InputView } from "@/components/admin/evals/input-view";
import { JsonValue } from "@/components/admin/evals/json-value";
import { PageHeader } from "@/components/admin/evals/page-header";
import { Panel } from "@/components/admin/panel";
import { StatusBadge } from "@/components/admin/evals/status-badge";
import { TrialsTable } from "@/components/admin/evals/trials-table";
import { getDb } from "@/db/client";
import { getEvalCaseDetail } from "@/db/queries/evals";
import { fieldDiff } from "@/evals/view/field-diff";
import { loadRegressionReference } from "@/evals/view/reference";
import { requireAdminPage } from "@/lib/identity/require-admin";

export const metadata: Metadata = { title: "Eval case" };

type Props = {
  params: Promise<{ runId: string; caseId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** /admin/evals/:runId/cases/:caseId: input, expected vs actual, each criterion's reason, and every trial's figures. */
export default async function EvalCasePage({ params, searchParams }: Props) {
  await requireAdminPage();
  const { runId, caseId } = await params;
  const query = await searchParams;
  const db = await getDb();
  const [detail, reference] = await Promise.all([getEvalCaseDetail({ db, runId, caseId }), loadRegressionReference({ db })]);
  if (!detail) notFound();
  const { case: entry, trials } = detail;

  // The trial shown: the one asked for, else the first that did not pass (that is what a reader came for).
  const asked = Number(Array.isArray(query.trial) ? query.trial[0] : query.trial);
  const shown = trials.find((trial) => trial.trial === asked) ?? trials.find((trial) => trial.status !== "passed") ?? trials[0];
  const baselineStatus = reference?.statuses.get(entry.caseId);
  const regressed = baselineStatus === "passed" && (entry.status === "failed" || entry.status === "errored");
  const runHref = `/admin/evals/${encodeURIComponent(runId)}`;
  const caseHref = `${runHref}/cases/${encodeURIComponent(caseId)}`;

  return (
    <div className="space-y-5" data-testid="eval-case" data-case-id={entry.caseId} data-status={entry.status}>
      <PageHeader
        trail={[
          { href: "/admin/evals", label: "Evals" },
          { href: runHref, label: `Run ${runId}` },
        ]}
        title={entry.caseId}
        badges={
          <>
            <StatusBadge status={entry.status} />
            {regressed ? <StatusBadge status="regressed" label="regressed" /> : null}
            {entry.critical ? <span className="rounded bg-zinc-900 px-1.5 py-px text-[10px] font-semibold tracking-wide text-white uppercase dark:bg-white dark:text-zinc-900">critical</span> : null}
          </>
        }
        description={
          <>
            {entry.title} · {entry.feature} · {entry.passedTrials} of {trials.length} trials passed
            {baselineStatus ? ` · ${baselineStatus} in the baseline` : reference ? " · not in the baseline" : ""}
            {entry.tags.length > 0 ? ` · ${entry.tags.map((tag) => `#${tag}`).join(" ")}` : ""}
          </>
        }
      />

      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Panel title="Input" description="What the case sends through the feature's pipeline.">
          <InputView input={entry.input} />
        </Panel>
        <Panel title="Criteria" description={shown ? `Trial ${shown.trial}: each criterion's verdict, with the reason when it did not pass.` : "No trial recorded."}>
          {shown ? <AssertionsList assertions={shown.assertions} error={shown.error} /> : null}
        </Panel>
      </div>

      {shown ? (
        <Panel
          title="Expected vs actual"
          description={`Trial ${shown.trial}, field by field against the case's reference answer. Differences are shown for reading; the criteria decide pass or fail.`}
        >
          <CaseDiff rows={fieldDiff(entry.expected, shown.output)} />
          <details className="mt-3">
            <summary className="cursor-pointer text-xs font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white">Whole actual output</summary>
            <div className="mt-2 rounded-lg bg-zinc-50 px-3 py-2 text-zinc-800 dark:bg-zinc-950/60 dark:text-zinc-200">
              <JsonValue value={shown.output} />
            </div>
          </details>
        </Panel>
      ) : null}

      <Panel title="Trials" description="Latency includes retries and fallbacks; tokens and cost are counted as the budget ledger counts them.">
        <TrialsTable trials={trials} selected={shown?.trial ?? 0} hrefFor={(trial) => `${caseHref}?trial=${trial}`} />
      </Panel>
    </div>
  );
}
