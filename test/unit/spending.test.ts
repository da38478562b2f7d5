import { describe, expect, it } from "vitest";
import { computeBudget } from "~/domain/budget";
import { formatAmount, formatPercent } from "~/domain/format";
import { parseValues } from "~/domain/form";
import {
  canEditSpending,
  compareSpending,
  defaultSpendingYear,
  SpendingSchema,
} from "~/domain/spending";

const YEARS = [2023, 2024, 2025, 2026];
const perYear = (amounts: number[]) => amounts.map((amount, i) => ({ year: YEARS[i]!, amount }));

/** The demo agreement's budget: Landsbyggefonden, the municipality and the housing organisation. */
const budget = computeBudget(YEARS, [
  {
    id: 1,
    kind: "lbf",
    label: "Landsbyggefonden",
    amounts: perYear([980_000, 1_064_000, 1_064_000, 1_022_000]),
  },
  {
    id: 2,
    kind: "municipality",
    label: "Havbakke Kommune",
    amounts: perYear([250_000, 270_000, 270_000, 260_000]),
  },
  {
    id: 3,
    kind: "housing_organisation",
    label: "Fællesbo Havbakke",
    amounts: perYear([170_000, 186_000, 186_000, 178_000]),
  },
]);

describe("compareSpending", () => {
  it("holds each source's spend against its budget for the year, with totals and the LBF share", () => {
    const c = compareSpending(
      budget,
      [
        { sourceId: 1, amount: 1_000_000 },
        { sourceId: 2, amount: 300_000 },
        { sourceId: 3, amount: 100_000 },
      ],
      2024,
    );
    expect(c.year).toBe(2024);
    expect(c.lbf).toEqual([
      {
        id: 1,
        kind: "lbf",
        label: "Landsbyggefonden",
        budget: 1_064_000,
        periodOnly: 0,
        spent: 1_000_000,
        difference: 64_000,
        spentShare: 1_000_000 / 1_064_000,
      },
    ]);
    expect(c.local.map((l) => [l.label, l.budget, l.spent, l.difference])).toEqual([
      ["Havbakke Kommune", 270_000, 300_000, -30_000],
      ["Fællesbo Havbakke", 186_000, 100_000, 86_000],
    ]);
    expect(c.lbfTotal).toMatchObject({ budget: 1_064_000, spent: 1_000_000, difference: 64_000 });
    expect(c.localTotal).toMatchObject({ budget: 456_000, spent: 400_000, difference: 56_000 });
    expect(c.total).toMatchObject({ budget: 1_520_000, spent: 1_400_000, difference: 120_000 });
    expect(formatAmount(c.total.budget)).toBe("1.520.000 kr.");
    expect(formatPercent(c.local[0]!.spentShare!)).toBe("111,1 %");
    expect(formatPercent(c.total.spentShare!)).toBe("92,1 %");
    expect(formatPercent(c.lbfShareOfSpend!)).toBe("71,4 %");
  });

  it("counts nothing spent as 0 with no LBF share, and adds up several entries for one source", () => {
    const none = compareSpending(budget, [], 2025);
    expect(none.total).toEqual({
      budget: 1_520_000,
      periodOnly: 0,
      spent: 0,
      difference: 1_520_000,
      spentShare: 0,
    });
    expect(none.lbfShareOfSpend).toBeNull();

    const twice = compareSpending(
      budget,
      [
        { sourceId: 2, amount: 100_000 },
        { sourceId: 2, amount: 50_000 },
      ],
      2025,
    );
    expect(twice.local[0]!.spent).toBe(150_000);
    expect(twice.lbfShareOfSpend).toBe(0);
  });

  it("has no spent share without a budget and ignores sources that are not in the budget", () => {
    const c = compareSpending(
      budget,
      [
        { sourceId: 1, amount: 10_000 },
        { sourceId: 99, amount: 5_000 },
        { sourceId: Number.NaN, amount: 7 },
      ],
      2030,
    );
    expect(c.lbfTotal).toEqual({
      budget: 0,
      periodOnly: 0,
      spent: 10_000,
      difference: -10_000,
      spentShare: null,
    });
    expect(c.total.spent).toBe(10_000);
    expect(c.lbfShareOfSpend).toBe(1);
  });

  it("lists several LBF sources separately and sums them", () => {
    const two = computeBudget(
      [2024],
      [
        { id: 1, kind: "lbf", label: "LBF drift", amounts: [{ year: 2024, amount: 600_000 }] },
        { id: 2, kind: "lbf", label: "LBF puljen", amounts: [{ year: 2024, amount: 200_000 }] },
        { id: 3, kind: "other", label: "Fond", amounts: [{ year: 2024, amount: 200_000 }] },
      ],
    );
    const c = compareSpending(
      two,
      [
        { sourceId: 1, amount: 300_000 },
        { sourceId: 2, amount: 100_000 },
        { sourceId: 3, amount: 100_000 },
      ],
      2024,
    );
    expect(c.lbf.map((l) => l.label)).toEqual(["LBF drift", "LBF puljen"]);
    expect(c.lbfTotal).toEqual({
      budget: 800_000,
      periodOnly: 0,
      spent: 400_000,
      difference: 400_000,
      spentShare: 0.5,
    });
    expect(c.lbfShareOfSpend).toBe(0.8);
  });
});

describe("defaultSpendingYear", () => {
  it("opens on the last calendar year within the validity that has ended", () => {
    expect(defaultSpendingYear(YEARS, "2026-11-22")).toBe(2025);
    expect(defaultSpendingYear(YEARS, "2024-01-01")).toBe(2023);
    expect(defaultSpendingYear(YEARS, "2031-06-30")).toBe(2026);
  });
  it("falls back to the first year before any year has ended, and to null without years", () => {
    expect(defaultSpendingYear(YEARS, "2023-05-01")).toBe(2023);
    expect(defaultSpendingYear(YEARS, "2020-05-01")).toBe(2023);
    expect(defaultSpendingYear([], "2024-05-01")).toBeNull();
  });
});

describe("SpendingSchema", () => {
  it("reads Danish whole kroner, empty as 0, and an empty note as none", () => {
    const parsed = parseValues(SpendingSchema, {
      rows: [
        { fundingSourceId: "4", amount: "1.064.000", note: "  " },
        { fundingSourceId: "5", amount: "", note: "Faktura mangler" },
        { fundingSourceId: "6", amount: "250000 kr." },
      ],
    });
    expect(parsed.ok && parsed.data.rows).toEqual([
      { fundingSourceId: 4, amount: 1_064_000, note: null },
      { fundingSourceId: 5, amount: 0, note: "Faktura mangler" },
      { fundingSourceId: 6, amount: 250_000, note: null },
    ]);
  });

  it("answers an amount with øre or a negative amount in Danish on that field", () => {
    const parsed = parseValues(SpendingSchema, {
      rows: [
        { fundingSourceId: "4", amount: "12,5", note: "" },
        { fundingSourceId: "5", amount: "-100", note: "" },
      ],
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors["rows.0.amount"]).toBe("Skriv et beløb i hele kroner, fx 1.250.000");
    expect(parsed.errors["rows.1.amount"]).toBe("Skriv et beløb i hele kroner, fx 1.250.000");
  });

  it("requires the funding source", () => {
    const parsed = parseValues(SpendingSchema, { rows: [{ fundingSourceId: "", amount: "1" }] });
    expect(!parsed.ok && parsed.errors["rows.0.fundingSourceId"]).toBe(
      "Finansieringskilden mangler",
    );
  });

  it("refuses the same funding source twice", () => {
    const parsed = parseValues(SpendingSchema, {
      rows: [
        { fundingSourceId: "7", amount: "1" },
        { fundingSourceId: "8", amount: "1" },
        { fundingSourceId: "7", amount: "2" },
      ],
    });
    expect(!parsed.ok && parsed.errors).toEqual({
      "rows.2.fundingSourceId": "Finansieringskilden står mere end én gang",
    });
  });

  it("accepts a form without rows", () => {
    const parsed = parseValues(SpendingSchema, {});
    expect(parsed.ok && parsed.data.rows).toEqual([]);
  });
});

describe("canEditSpending", () => {
  it("lets reporters, the secretariat and admins write, not the board or viewers", () => {
    const roles = ["admin", "secretariat", "reporter", "board", "viewer", null] as const;
    expect(roles.map(canEditSpending)).toEqual([true, true, true, false, false, false]);
  });
});
