/**
 * Budget arithmetic with the fund template's period totals (issue 12, item 2): a source has either
 * yearly amounts (then they are its total) or one amount for the whole period; R1 holds on
 * whichever exist, and a year's budget is never a silent 0 for a source without a yearly split.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { FundingSourceRowSchema } from "~/domain/agreement";
import { computeBudget, summarisePlanBudget, type BudgetSourceInput } from "~/domain/budget";
import {
  compareSpending,
  lacksYearBudget,
  periodOnlyNote,
  yearBudgetText,
} from "~/domain/spending";
import { buildSpendingWorkbook } from "../../templates/spending-xlsx";

const YEARS = [2025, 2026, 2027, 2028];

const periodOnly = (id: number, kind: BudgetSourceInput["kind"], periodTotal: number) => ({
  id,
  kind,
  label: `kilde ${id}`,
  periodTotal,
  amounts: [],
});

describe("computeBudget with period totals", () => {
  it("totals period-only sources without inventing a yearly split", () => {
    const budget = computeBudget(YEARS, [
      periodOnly(1, "lbf", 3_000_000),
      periodOnly(2, "local", 1_000_000),
    ]);
    expect(budget.lbfTotal.total).toBe(3_000_000);
    expect(budget.localTotal.total).toBe(1_000_000);
    expect(budget.total.total).toBe(4_000_000);
    expect(budget.total.byYear).toEqual([0, 0, 0, 0]);
    expect(budget.hasYearly).toBe(false);
    expect(budget.lbf[0]!.yearly).toBe(false);
    expect(budget.lbfShare).toBe(0.75);
  });

  it("mixes a yearly source with a period-only one: each counts once in the totals", () => {
    const budget = computeBudget(YEARS, [
      {
        id: 1,
        kind: "lbf",
        label: "Landsbyggefonden",
        // A stray period total next to yearly amounts: the yearly amounts are the total.
        periodTotal: 9_999_999,
        amounts: YEARS.map((year) => ({ year, amount: 600_000 })),
      },
      periodOnly(2, "local", 800_000),
    ]);
    expect(budget.lbf[0]).toMatchObject({ yearly: true, total: 2_400_000 });
    expect(budget.local[0]).toMatchObject({ yearly: false, total: 800_000 });
    expect(budget.total.total).toBe(3_200_000);
    // The per-year row holds only what is split per year.
    expect(budget.total.byYear).toEqual([600_000, 600_000, 600_000, 600_000]);
    expect(budget.hasYearly).toBe(true);
    expect(budget.lbfShare).toBe(0.75);
  });

  it("applies R1 to period totals: above 75 % LBF is flagged at plan level", () => {
    const budget = computeBudget(YEARS, [
      periodOnly(1, "lbf", 3_100_000),
      periodOnly(2, "local", 900_000),
    ]);
    expect(budget.lbfShare).toBeCloseTo(0.775);
    const plan = summarisePlanBudget([
      { lbf: budget.lbfTotal.total, local: budget.localTotal.total },
    ]);
    expect(plan.lbfShareTooHigh).toBe(true);
  });
});

describe("a year's budget for a source without a yearly split", () => {
  const budget = computeBudget(YEARS, [
    { id: 1, kind: "lbf", label: "LBF", amounts: YEARS.map((year) => ({ year, amount: 750_000 })) },
    periodOnly(2, "local", 1_000_000),
  ]);

  it("is 'Ingen årlig fordeling', not 0 kr., and its period total is named in a note", () => {
    const comparison = compareSpending(budget, [{ sourceId: 2, amount: 200_000 }], 2026);
    const local = comparison.local[0]!;
    expect(local).toMatchObject({ budget: 0, periodOnly: 1_000_000, spent: 200_000 });
    expect(lacksYearBudget(local)).toBe(true);
    expect(yearBudgetText(local)).toBe("Ingen årlig fordeling");
    expect(local.spentShare).toBeNull();
    expect(yearBudgetText(comparison.lbfTotal)).toBe("750.000 kr.");
    // The agreement has a yearly budget (LBF's), so its total shows it, with a note on the rest.
    expect(lacksYearBudget(comparison.total)).toBe(false);
    expect(periodOnlyNote(comparison.total)).toContain("1.000.000 kr.");
    expect(periodOnlyNote(comparison.lbfTotal)).toBeNull();
  });
});

describe("FundingSourceRowSchema: how the amount is given", () => {
  const row = (fields: Record<string, unknown>) =>
    FundingSourceRowSchema.safeParse({
      id: "",
      kind: "lbf",
      name: "",
      organisationId: "",
      ...fields,
    });

  it("with 'period' keeps the period total and drops the yearly amounts", () => {
    const parsed = row({ split: "period", periodTotal: "1.250.000", amounts: { y2025: "5" } });
    expect(parsed.success && parsed.data).toMatchObject({
      split: "period",
      periodTotal: 1_250_000,
      amounts: {},
    });
  });

  it("with 'yearly' keeps the yearly amounts and drops the period total", () => {
    const parsed = row({ split: "yearly", periodTotal: "1.250.000", amounts: { y2025: "5" } });
    expect(parsed.success && parsed.data).toMatchObject({
      split: "yearly",
      periodTotal: null,
      amounts: { y2025: 5 },
    });
  });

  it("without a choice reads what was given (an older form posts only yearly amounts)", () => {
    const yearly = row({ amounts: { y2025: "100" } });
    expect(yearly.success && yearly.data).toMatchObject({ split: "yearly", periodTotal: null });
    const period = row({ periodTotal: "100" });
    expect(period.success && period.data).toMatchObject({ split: "period", periodTotal: 100 });
  });

  it("lets the unattributed local line go without a name, but not 'Anden medfinansiering'", () => {
    expect(row({ kind: "local", split: "period", periodTotal: "400.000" }).success).toBe(true);
    const other = row({ kind: "other", split: "period", periodTotal: "400.000" });
    expect(other.success).toBe(false);
    expect(other.error?.issues[0]).toMatchObject({
      path: ["name"],
      message: "Skriv hvem der medfinansierer",
    });
  });
});

describe("the spending workbook with a period-only source", () => {
  it("writes 'Ingen årlig fordeling' as the year's budget and leaves the difference empty", async () => {
    const budget = computeBudget(YEARS, [
      {
        id: 1,
        kind: "lbf",
        label: "LBF",
        amounts: YEARS.map((year) => ({ year, amount: 750_000 })),
      },
      periodOnly(2, "local", 1_000_000),
    ]);
    const workbook = buildSpendingWorkbook({
      agreement: { planName: "Helhedsplan Strandengen", focusArea: "Beskæftigelse" },
      comparison: compareSpending(budget, [{ sourceId: 2, amount: 200_000 }], 2026),
    });
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(await workbook.xlsx.writeBuffer());
    const sheet = read.getWorksheet("Forbrug 2026")!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push([1, 2, 3, 4].map((c) => row.getCell(c).value)));
    expect(rows).toContainEqual(["kilde 2", "Ingen årlig fordeling", 200_000, null]);
    // The group of local sources has no yearly budget either.
    expect(rows).toContainEqual(["Lokal medfinansiering", "Ingen årlig fordeling", 200_000, null]);
    expect(rows).toContainEqual(["I alt", 750_000, 200_000, 550_000]);
  });
});
