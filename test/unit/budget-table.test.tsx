/**
 * The application's budget per year is one table on screen, beside the form and on the
 * application page, with the Word document's column labels ("Egenfinansiering", never "Egen").
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BUDGET_TABLE_HEADER } from "../../templates/fund-application";
import { BudgetTable } from "~/components/budget-table";

const totals = {
  years: [
    { year: 2026, requested: 100_000, own: 20_000, total: 120_000, perTenancy: 500 },
    { year: 2027, requested: 80_000, own: 20_000, total: 100_000, perTenancy: null },
  ],
  requested: 180_000,
  own: 40_000,
};

/** The table's rows as lists of cell texts (header and footer included). */
function rows(html: string): string[][] {
  return [...html.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>|<td[^>]*\/>/g)].map((cell) => cell[1] ?? ""),
  );
}

describe("BudgetTable", () => {
  it("beside the form: requested and own financing per year, with the Word document's labels", () => {
    const html = renderToStaticMarkup(<BudgetTable totals={totals} variant="summary" />);
    expect(html).toMatch(/^<table class="data fund-totals-years">/);
    expect(rows(html)).toEqual([
      BUDGET_TABLE_HEADER.slice(0, 3),
      ["2026", "100.000 kr.", "20.000 kr."],
      ["2027", "80.000 kr.", "20.000 kr."],
    ]);
  });

  it("on the application page: also each year's total, the amount per tenancy and a total row", () => {
    const html = renderToStaticMarkup(<BudgetTable totals={totals} variant="full" />);
    expect(html).toMatch(/^<table class="data">/);
    expect(rows(html)).toEqual([
      [...BUDGET_TABLE_HEADER, "Ansøgt pr. lejemål"],
      ["2026", "100.000 kr.", "20.000 kr.", "120.000 kr.", "500 kr."],
      ["2027", "80.000 kr.", "20.000 kr.", "100.000 kr.", "–"],
      ["I alt", "180.000 kr.", "40.000 kr.", "220.000 kr.", ""],
    ]);
    expect(BUDGET_TABLE_HEADER).toEqual(["År", "Ansøgt beløb", "Egenfinansiering", "I alt"]);
  });
});
