import { replyCases } from "./reply";
import { summarizeCases } from "./summarize";

/**
 * Every case of every feature, by feature name. A new feature adds its case
 * file here (and its pipeline in evals/suites.ts); the gate reads this list to
 * notice a case that went missing from a run.
 */
export const CASES_BY_FEATURE = {
  reply: replyCases,
  summarize: summarizeCases,
} as const;

export type EvalFeatureName = keyof typeof CASES_BY_FEATURE;

/** Every case id, in suite order. */
export function allCaseIds(): string[] {
  return Object.values(CASES_BY_FEATURE).flatMap((cases) => cases.map((entry) => entry.id));
}
