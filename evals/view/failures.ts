import type { CriterionKind } from "../types";

/** The criteria kinds as the admin pages name them. */
export const CRITERION_NAMES: Record<CriterionKind, string> = {
  schema: "Schema validity",
  equals: "Field equality",
  text: "Text match",
  range: "Numeric range",
  contains: "Array contains",
  excludes: "Array excludes",
  must_not_contain: "Must not contain",
  latency: "Latency ceiling",
  cost: "Cost ceiling",
  judge: "LLM judge",
};

export type FailedAssertion = { caseId: string; trial: number; kind: string; label: string; reason: string | null };

export type FailureGroup = {
  kind: string;
  name: string;
  /** One entry per case, with its first failing reason and how many trials failed this criterion. */
  cases: { caseId: string; label: string; reason: string; trials: number }[];
};

function isKind(kind: string): kind is CriterionKind {
  return Object.hasOwn(CRITERION_NAMES, kind);
}

/** A run's failed assertions grouped by criterion kind, the most failing case count first. */
export function groupFailuresByCriterion(failures: readonly FailedAssertion[]): FailureGroup[] {
  const groups = new Map<string, Map<string, { caseId: string; label: string; reason: string; trials: Set<number> }>>();
  for (const failure of failures) {
    const byCase = groups.get(failure.kind) ?? new Map();
    groups.set(failure.kind, byCase);
    const entry = byCase.get(failure.caseId) ?? { caseId: failure.caseId, label: failure.label, reason: failure.reason ?? "", trials: new Set<number>() };
    entry.trials.add(failure.trial);
    byCase.set(failure.caseId, entry);
  }
  return [...groups]
    .map(([kind, byCase]) => ({
      kind,
      name: isKind(kind) ? CRITERION_NAMES[kind] : kind,
      cases: [...byCase.values()].map((entry) => ({ caseId: entry.caseId, label: entry.label, reason: entry.reason, trials: entry.trials.size })),
    }))
    .sort((a, b) => b.cases.length - a.cases.length || a.name.localeCompare(b.name));
}
