/**
 * Budget arithmetic (DESIGN.md R1, R2): totals per year and over the period, split into
 * Landsbyggefonden and local co-financing; the LBF share of a plan may be at most 75 %.
 * Whole kroner only.
 */
import type { FundingSourceKind } from "./agreement";

export const MAX_LBF_SHARE = 0.75;

export interface BudgetSourceInput {
  id: number;
  kind: FundingSourceKind;
  label: string;
  amounts: { year: number; amount: number }[];
}

export interface BudgetLine {
  id: number;
  kind: FundingSourceKind;
  label: string;
  byYear: number[];
  total: number;
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
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function sumLines(lines: BudgetLine[], years: number[]) {
  const byYear = years.map((_, i) => sum(lines.map((l) => l.byYear[i] ?? 0)));
  return { byYear, total: sum(byYear) };
}

export function computeBudget(years: number[], sources: BudgetSourceInput[]): Budget {
  const lines = sources.map((s): BudgetLine => {
    const byYear = years.map((y) =>
      sum(s.amounts.filter((a) => a.year === y).map((a) => a.amount)),
    );
    return { id: s.id, kind: s.kind, label: s.label, byYear, total: sum(byYear) };
  });
  const lbf = lines.filter((l) => l.kind === "lbf");
  const local = lines.filter((l) => l.kind !== "lbf");
  const lbfTotal = sumLines(lbf, years);
  const localTotal = sumLines(local, years);
  const total = {
    byYear: years.map((_, i) => (lbfTotal.byYear[i] ?? 0) + (localTotal.byYear[i] ?? 0)),
    total: lbfTotal.total + localTotal.total,
  };
  return {
    years,
    lbf,
    local,
    lbfTotal,
    localTotal,
    total,
    lbfShare: total.total > 0 ? lbfTotal.total / total.total : null,
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
