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
  /** How many cases failed this kind of criterion. */
  caseCount: number;
  /**
   * The same failure in many cases is one entry: when the model call failed,
   * thirty cases share one reason, which reads better once with thirty ids.
   */
  reasons: { label: string; reason: string; cases: { caseId: string; trials: number }[] }[];
};

const KIND_ORDER = Object.keys(CRITERION_NAMES);

function isKind(kind: string): kind is CriterionKind {
  return Object.hasOwn(CRITERION_NAMES, kind);
}

/** A run's failed assertions by criterion kind (most cases first, then the closed set's order), then by reason. */
export function groupFailuresByCriterion(failures: readonly FailedAssertion[]): FailureGroup[] {
  const byKind = new Map<string, Map<string, { label: string; reason: string; trials: Map<string, Set<number>> }>>();
  for (const failure of failures) {
    const reasons = byKind.get(failure.kind) ?? new Map();
    byKind.set(failure.kind, reasons);
    const reason = failure.reason ?? "";
    const key = `${failure.label}\u0000${reason}`;
    const entry = reasons.get(key) ?? { label: failure.label, reason, trials: new Map<string, Set<number>>() };
    reasons.set(key, entry);
    const trials = entry.trials.get(failure.caseId) ?? new Set<number>();
    trials.add(failure.trial);
    entry.trials.set(failure.caseId, trials);
  }
  const rank = (kind: string) => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);
  return [...byKind]
    .map(([kind, reasons]): FailureGroup => {
      const list = [...reasons.values()]
        .map((entry) => ({ label: entry.label, reason: entry.reason, cases: [...entry.trials].map(([caseId, trials]) => ({ caseId, trials: trials.size })) }))
        .sort((a, b) => b.cases.length - a.cases.length);
      return { kind, name: isKind(kind) ? CRITERION_NAMES[kind] : kind, caseCount: new Set(list.flatMap((entry) => entry.cases.map((item) => item.caseId))).size, reasons: list };
    })
    .sort((a, b) => b.caseCount - a.caseCount || rank(a.kind) - rank(b.kind));
}
