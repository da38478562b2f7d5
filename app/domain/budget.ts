/**
 * Budget arithmetic (DESIGN.md R1, R2): totals per year and over the period, split into
 * Landsbyggefonden and local co-financing; the LBF share of a plan may be at most 75 %.
 * Whole kroner only. A source has either yearly amounts (then they make its total) or only a
 * total for the whole period, as the fund's template has it; R1 holds on whichever exist.
 */
import type { FundingSourceKind } from "./agreement";

export const MAX_LBF_SHARE = 0.75;

export interface BudgetSourceInput {
  id: number;
  kind: FundingSourceKind;
  label: string;
  /** The whole period's amount, used when the source has no yearly amounts. */
  periodTotal?: number | null;
  amounts: { year: number; amount: number }[];
}

export interface BudgetLine {
  id: number;
  kind: FundingSourceKind;
  label: string;
  /** Per year of `years`; zeros when the source has only a period total. */
  byYear: number[];
  total: number;
  /** Whether the total comes from yearly amounts (false: a period total only). */
  yearly: boolean;
}

export interface Budget {
  years: number[];
  lbf: BudgetLine[];
  local: BudgetLine[];
  lbfTotal: { byYear: number[]; total: number };
  localTotal: { byYear: number[]; total: number };
  total: { byYear: number[]; total: number };
  /** LBF's share of the total (0–1), or null when nothing is budgeted. */
  lbfShare: number | null;
  /** Whether any source has yearly amounts (then a per-year table is shown after the totals). */
  hasYearly: boolean;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function sumLines(lines: BudgetLine[], years: number[]) {
  const byYear = years.map((_, i) => sum(lines.map((l) => l.byYear[i] ?? 0)));
  return { byYear, total: sum(lines.map((l) => l.total)) };
}

export function computeBudget(years: number[], sources: BudgetSourceInput[]): Budget {
  const lines = sources.map((s): BudgetLine => {
    const yearly = s.amounts.length > 0;
    const byYear = years.map((y) =>
      sum(s.amounts.filter((a) => a.year === y).map((a) => a.amount)),
    );
    const total = yearly ? sum(byYear) : (s.periodTotal ?? 0);
    return { id: s.id, kind: s.kind, label: s.label, byYear, total, yearly };
  });
  const lbf = lines.filter((l) => l.kind === "lbf");
  const local = lines.filter((l) => l.kind !== "lbf");
  const lbfTotal = sumLines(lbf, years);
  const localTotal = sumLines(local, years);
  const total = {
    byYear: years.map((_, i) => (lbfTotal.byYear[i] ?? 0) + (localTotal.byYear[i] ?? 0)),
    total: lbfTotal.total + localTotal.total,
  };
  const hasYearly = lines.some((l) => l.yearly);
  return {
    years,
    lbf,
    local,
    lbfTotal,
    localTotal,
    total,
    lbfShare: total.total > 0 ? lbfTotal.total / total.total : null,
    hasYearly,
  };
}

export interface PlanBudgetSummary {
  lbf: number;
  local: number;
  total: number;
  lbfShare: number | null;
  /** R1: LBF pays more than 75 % of the plan. */
  lbfShareTooHigh: boolean;
}

/** R1/R2 at plan level: the plan's total is the sum of its agreements. */
export function summarisePlanBudget(
  agreements: { lbf: number; local: number }[],
): PlanBudgetSummary {
  const lbf = sum(agreements.map((a) => a.lbf));
  const local = sum(agreements.map((a) => a.local));
  const total = lbf + local;
  const lbfShare = total > 0 ? lbf / total : null;
  return {
    lbf,
    local,
    total,
    lbfShare,
    lbfShareTooHigh: lbfShare !== null && lbfShare > MAX_LBF_SHARE,
  };
}
