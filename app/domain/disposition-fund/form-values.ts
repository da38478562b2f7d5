/**
 * What the fund's pages show and prefill: checklist labels, guideline items, budget rows for a
 * period and the forms' default values.
 */
import { formatAmount } from "../format";
import { formatReportDue } from "../reporting";
import { type RichText, richTextToMarkdown } from "../rich-text";
import { z, checkbox } from "../zod";
import { periodYears } from "./application";
import type { ChecklistState } from "./checklist";
import type { RequestedYear } from "./decision";
import type { FundSettings } from "./settings";
import type { FundRecommendation } from "./status";

// --- the pages' helpers ----------------------------------------------------------------------

/** A checklist item's state in words: the pages show it beside its icon, never by colour alone. */
export const checklistStateLabels: Record<ChecklistState, string> = {
  ok: "Opfyldt",
  warn: "Bør vurderes",
  fail: "Ikke opfyldt",
  info: "Til orientering",
};

/** The fund's house rules as short lines for applicants ("Støtte i højst 4 år", …). */
export function fundGuidelineItems(fund: FundSettings): string[] {
  const items = [`Støtte i højst ${fund.maxYears} år`];
  if (fund.minOwnSharePercent != null) {
    items.push(`Egenfinansiering mindst ${fund.minOwnSharePercent} %`);
  }
  if (fund.maxAmountPerTenancy != null) {
    items.push(`Højst ${formatAmount(fund.maxAmountPerTenancy)} pr. lejemål pr. år`);
  }
  items.push("Kun ekstraordinære sociale indsatser, ikke almindelige fællesaktiviteter");
  if (fund.prioritiseLbfCofinancing) {
    items.push("Medfinansiering af boligsociale helhedsplaner prioriteres");
  }
  if (fund.prioritiseAcute) items.push("Akutte behov prioriteres");
  items.push(
    `Forbrug og aktiviteter afrapporteres for hvert år senest ${formatReportDue(fund.reportDueMonthDay)} året efter`,
  );
  return items;
}

/** A budget row as the application form holds it. */
export interface BudgetRowFormValues {
  year: string;
  requestedAmount: string;
  ownContribution: string;
}

/** The most budget rows the form offers (the schema's limit). */
const MAX_BUDGET_ROWS = 20;

const formYear = (value: unknown): number | null => {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value : "";
  return /^\s*\d{4}\s*$/.test(text) && Number(text) >= 2000 && Number(text) <= 2100
    ? Number(text)
    : null;
};

/**
 * The application form's budget rows for the period typed in it: one row per year from the
 * first to the last year, keeping what was typed for each year (or, from `remembered`, for a year
 * whose row was dropped earlier). Null when the period cannot be read: not two years, the end
 * before the start, or more years than the form offers.
 */
export function budgetRowsForPeriod(
  rows: unknown,
  startYear: unknown,
  endYear: unknown,
  remembered: ReadonlyMap<number, BudgetRowFormValues> = new Map(),
): BudgetRowFormValues[] | null {
  const start = formYear(startYear);
  const end = formYear(endYear);
  if (start == null || end == null || end < start || end - start + 1 > MAX_BUDGET_ROWS) {
    return null;
  }
  const list: unknown[] = Array.isArray(rows)
    ? rows
    : rows && typeof rows === "object"
      ? Object.values(rows)
      : [];
  const typed = new Map<number, BudgetRowFormValues>();
  for (const row of list) {
    const r = (row ?? {}) as Record<string, unknown>;
    const year = formYear(r.year);
    if (year == null || typed.has(year)) continue;
    typed.set(year, {
      year: String(year),
      requestedAmount: typeof r.requestedAmount === "string" ? r.requestedAmount : "",
      ownContribution: typeof r.ownContribution === "string" ? r.ownContribution : "",
    });
  }
  return periodYears(start, end).map(
    (year) =>
      typed.get(year) ??
      remembered.get(year) ?? { year: String(year), requestedAmount: "", ownContribution: "" },
  );
}

/** Withdrawing is final, so the form asks for a confirmation. */
export const WithdrawApplicationSchema = z.object({
  confirm: checkbox.refine((confirmed) => confirmed, {
    error: "Bekræft, at ansøgningen skal trækkes tilbage",
  }),
});

/** The assessment form's values: the saved assessment, if any. */
export function assessmentFormValues(application: {
  assessment: string | null;
  recommendation: FundRecommendation | null;
}) {
  return {
    assessment: application.assessment ?? "",
    recommendation: application.recommendation ?? "",
  };
}

/**
 * The decision form's values: no decision chosen, today's date, and per year applied for the
 * requested amount (what "approved with a lower amount" starts from).
 */
export function decisionFormValues(requested: readonly RequestedYear[], today: string) {
  return {
    decision: "",
    decisionDate: today,
    conditions: "",
    amounts: requested
      .filter((r) => r.requestedAmount > 0)
      .map((r) => ({ year: String(r.year), amount: String(r.requestedAmount) })),
  };
}

/** The yearly report form's values from the saved report (empty before the first save). */
export function fundReportFormValues(
  report: { spent: number; activities: RichText | null } | null,
) {
  return {
    spent: report ? String(report.spent) : "",
    activities: richTextToMarkdown(report?.activities ?? null),
  };
}
