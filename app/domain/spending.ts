/**
 * Spending (forbrug): what each funding source of an agreement actually paid in a year, held up
 * against the budget for that year (DESIGN.md R1, R2). Pure and client-safe: the same comparison
 * is computed on the server from the saved figures and in the browser from the form's inputs.
 * Amounts are whole kroner.
 */
import { amountField, MAX_AMOUNT } from "./agreement";
import type { Budget, BudgetLine } from "./budget";
import { formatAmount } from "./format";
import type { PlanAccessRole } from "./roles";
import { z, optionalText, requiredId, safeString } from "./zod";

/** Reporters write the yearly figures; the secretariat (and admins) may too. */
export const SPENDING_EDITORS = ["reporter", "secretariat"] as const;

export function canEditSpending(role: PlanAccessRole | null | undefined): boolean {
  return role === "admin" || SPENDING_EDITORS.some((r) => r === role);
}

export const SpendingRowSchema = z.object({
  fundingSourceId: requiredId("Finansieringskilden mangler"),
  amount: amountField(),
  note: optionalText(2000),
  /**
   * The amount and note the form was loaded with (hidden fields): the save is refused (409) when
   * the stored figures have changed since, so nobody's figures are overwritten unseen.
   */
  loadedAmount: z.preprocess(
    (v) => (v === undefined ? undefined : v === "" || v === null ? null : Number(v)),
    z.number().int().min(0).max(MAX_AMOUNT).nullable().optional(),
  ),
  loadedNote: z.preprocess(
    (v) => (v === undefined ? undefined : v === "" || v === null ? null : v),
    safeString().nullable().optional(),
  ),
});

export const SpendingSchema = z.object({
  // A form without rows (an agreement without funding sources) posts nothing at all.
  rows: z.preprocess(
    (v) => v ?? [],
    z
      .array(SpendingRowSchema)
      .max(200)
      .superRefine((rows, ctx) => {
        const seen = new Set<number>();
        rows.forEach((row, index) => {
          if (seen.has(row.fundingSourceId)) {
            ctx.addIssue({
              code: "custom",
              path: [index, "fundingSourceId"],
              message: "Finansieringskilden står mere end én gang",
            });
          }
          seen.add(row.fundingSourceId);
        });
      }),
  ),
});
export type SpendingRow = z.output<typeof SpendingRowSchema>;
export type SpendingValues = z.output<typeof SpendingSchema>;

/** Recorded spend of one funding source in one year. */
export interface SpentAmount {
  sourceId: number;
  amount: number;
}

export interface SpendingFigures {
  /** The year's budget from yearly amounts (sources with only a period total add nothing). */
  budget: number;
  /**
   * The period totals of sources without a yearly split: they have no budget for the year, so
   * they are shown as "ingen årlig fordeling", never as a budget of 0.
   */
  periodOnly: number;
  spent: number;
  /** Budget minus spend: what is left; negative when more was spent than budgeted. */
  difference: number;
  /** Spend as a share of the budget (0–1, above 1 when overspent), or null without a budget. */
  spentShare: number | null;
}

export interface SpendingLine extends SpendingFigures {
  id: number;
  kind: BudgetLine["kind"];
  label: string;
}

export interface SpendingComparison {
  year: number;
  lbf: SpendingLine[];
  local: SpendingLine[];
  lbfTotal: SpendingFigures;
  localTotal: SpendingFigures;
  total: SpendingFigures;
  /** Landsbyggefonden's share of the year's total spend (0–1), or null when nothing is spent. */
  lbfShareOfSpend: number | null;
}

function figures(budget: number, spent: number, periodOnly = 0): SpendingFigures {
  return {
    budget,
    periodOnly,
    spent,
    difference: budget - spent,
    spentShare: budget > 0 ? spent / budget : null,
  };
}

function sumFigures(lines: SpendingFigures[]): SpendingFigures {
  return figures(
    lines.reduce((sum, l) => sum + l.budget, 0),
    lines.reduce((sum, l) => sum + l.spent, 0),
    lines.reduce((sum, l) => sum + l.periodOnly, 0),
  );
}

/**
 * The year's budget and spend per funding source, with totals for Landsbyggefonden, local
 * co-financing and the agreement. A year outside the budget counts as budget 0; spend on a source
 * that is not in the budget is ignored. A source with only a period total has no budget for the
 * year: its figures carry the period total as `periodOnly` instead.
 */
export function compareSpending(
  budget: Budget,
  spent: readonly SpentAmount[],
  year: number,
): SpendingComparison {
  const yearIndex = budget.years.indexOf(year);
  const spentBySource = new Map<number, number>();
  for (const s of spent)
    spentBySource.set(s.sourceId, (spentBySource.get(s.sourceId) ?? 0) + s.amount);
  const toLine = (line: BudgetLine): SpendingLine => ({
    id: line.id,
    kind: line.kind,
    label: line.label,
    ...figures(
      yearIndex >= 0 ? (line.byYear[yearIndex] ?? 0) : 0,
      spentBySource.get(line.id) ?? 0,
      line.yearly ? 0 : line.total,
    ),
  });
  const lbf = budget.lbf.map(toLine);
  const local = budget.local.map(toLine);
  const lbfTotal = sumFigures(lbf);
  const localTotal = sumFigures(local);
  const total = sumFigures([lbfTotal, localTotal]);
  return {
    year,
    lbf,
    local,
    lbfTotal,
    localTotal,
    total,
    lbfShareOfSpend: total.spent > 0 ? lbfTotal.spent / total.spent : null,
  };
}

/**
 * The year a spending page opens on: the last calendar year within the validity that has ended
 * (the one to report on), else the first year. `today` is yyyy-MM-dd.
 */
export function defaultSpendingYear(years: readonly number[], today: string): number | null {
  const currentYear = Number(today.slice(0, 4));
  const ended = years.filter((y) => y < currentYear);
  return ended.at(-1) ?? years[0] ?? null;
}

export const NO_YEARLY_SPLIT = "Ingen årlig fordeling";

/** True when the figures have no budget for the year, only period totals. */
export function lacksYearBudget(f: Pick<SpendingFigures, "budget" | "periodOnly">): boolean {
  return f.periodOnly > 0 && f.budget === 0;
}

/** The year's budget as a reader should see it: "Ingen årlig fordeling" rather than a false 0. */
export function yearBudgetText(f: Pick<SpendingFigures, "budget" | "periodOnly">): string {
  return lacksYearBudget(f) ? NO_YEARLY_SPLIT : formatAmount(f.budget);
}

/** A note under a year's table when sources have only a period total, or null. */
export function periodOnlyNote(f: Pick<SpendingFigures, "periodOnly">): string | null {
  return f.periodOnly > 0
    ? `Finansiering på ${formatAmount(f.periodOnly)} er kun angivet samlet for hele perioden og har ingen årlig fordeling; den indgår ikke i årets budget.`
    : null;
}
