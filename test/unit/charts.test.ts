/**
 * The charts: data → the values the specs draw (stacking, sums per funder, the report's and the
 * plan's counting), and the drawn SVG (well-formed XML with a title, the focus areas' names and
 * Danish numbers), the PNG, an empty chart's message, and the Word block with its image.
 */
import { DOMParser } from "@xmldom/xmldom";
import { Document, Packer } from "docx";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  budgetChartTable,
  budgetSpendFromReport,
  budgetSpendValues,
  criteriaByStatusFromReport,
  criteriaChartTable,
  criteriaStatusValues,
  measuredYears,
  planBudgetSpend,
  planCriteriaByStatus,
  type BudgetSpendInput,
  type CriteriaByStatusInput,
  type PlanChartRows,
} from "~/domain/charts";
import { buildProgressReportView } from "~/domain/progress-report";
import { renderBudgetVsSpendChart, renderCriteriaByStatusChart } from "~/graphics/charts.server";
import { chartBlocks } from "../../templates/charts";
import { progressReportInput } from "../fixtures/progress-report";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const counts = (
  c: Partial<Record<"met" | "partly_met" | "not_met" | "not_measured" | "none", number>>,
) => ({
  met: 0,
  partly_met: 0,
  not_met: 0,
  not_measured: 0,
  none: 0,
  ...c,
});

const criteriaInput: CriteriaByStatusInput = {
  year: 2024,
  focusAreas: [
    { focusArea: "Uddannelse og livschancer", counts: counts({ met: 3, not_met: 1, none: 2 }) },
    { focusArea: "Sammenhængskraft og medborgerskab", counts: counts({ partly_met: 4 }) },
  ],
};

const budgetInput: BudgetSpendInput = {
  years: [2023, 2024],
  rows: [
    { kind: "lbf", year: 2024, budget: 3_000_000, spent: 2_500_000 },
    { kind: "lbf", year: 2024, budget: 962_000, spent: 100_000 },
    { kind: "municipality", year: 2024, budget: 1_200_000, spent: 1_250_000 },
    { kind: "municipality", year: 2023, budget: 1_000_000, spent: 0 },
  ],
};

/** Parses as XML (throws on any error) and returns the document's text content. */
function parseSvg(svg: string) {
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new Error(message);
    },
  }).parseFromString(svg, "image/svg+xml");
  return doc;
}

function svgText(svg: string): string[] {
  const doc = parseSvg(svg);
  return Array.from(doc.getElementsByTagName("text")).map((t) => t.textContent ?? "");
}

describe("chart data", () => {
  it("stacks each focus area's statuses in order, leaving out empty ones", () => {
    const values = criteriaStatusValues(criteriaInput);
    expect(values.map((v) => [v.focusArea, v.label, v.count, v.start, v.end])).toEqual([
      ["Uddannelse og livschancer", "Opfyldt", 3, 0, 3],
      ["Uddannelse og livschancer", "Ikke opfyldt", 1, 3, 4],
      ["Uddannelse og livschancer", "Ikke registreret", 2, 4, 6],
      ["Sammenhængskraft og medborgerskab", "Delvist opfyldt", 4, 0, 4],
    ]);
    expect(values[2]!.mid).toBe(5);
    expect(criteriaChartTable(criteriaInput).rows[0]).toEqual([
      "Uddannelse og livschancer",
      "3",
      "0",
      "1",
      "0",
      "2",
      "6",
    ]);
  });

  it("sums budget and spend per kind of funder and year, with every year of the period", () => {
    const values = budgetSpendValues(budgetInput);
    expect(values.map((v) => [v.year, v.funder, v.measure, v.text])).toEqual([
      ["2023", "Landsbyggefonden", "Budget", "0 kr."],
      ["2023", "Landsbyggefonden", "Forbrug", "0 kr."],
      ["2023", "Kommune", "Budget", "1.000.000 kr."],
      ["2023", "Kommune", "Forbrug", "0 kr."],
      ["2024", "Landsbyggefonden", "Budget", "3.962.000 kr."],
      ["2024", "Landsbyggefonden", "Forbrug", "2.600.000 kr."],
      ["2024", "Kommune", "Budget", "1.200.000 kr."],
      ["2024", "Kommune", "Forbrug", "1.250.000 kr."],
    ]);
    expect(budgetChartTable(budgetInput).rows.at(-2)).toEqual([
      "2024",
      "Landsbyggefonden",
      "3.962.000 kr.",
      "2.600.000 kr.",
    ]);
  });

  it("takes the report's charts from its own view: its year's counts and spend", () => {
    const view = buildProgressReportView(progressReportInput());
    const criteria = criteriaByStatusFromReport(view);
    expect(criteria.year).toBe(view.year);
    expect(criteria.focusAreas.map((f) => f.focusArea)).toEqual(
      view.agreements.map((a) => a.focusArea),
    );
    expect(criteria.focusAreas.map((f) => f.counts)).toEqual(view.agreements.map((a) => a.counts));
    const money = budgetSpendFromReport(view);
    expect(money.years).toEqual([view.year]);
    const spent = money.rows.reduce((sum, r) => sum + r.spent, 0);
    const budget = money.rows.reduce((sum, r) => sum + r.budget, 0);
    expect(spent).toBe(view.spending.spent);
    expect(budget).toBe(view.spending.budget);
  });

  it("counts the plan's criteria as the year's report would: measured, not measured, retired", () => {
    const rows: PlanChartRows = {
      years: [2023, 2024, 2025],
      agreements: [
        { id: 1, focusArea: "Beskæftigelse", validFrom: "2023-01-01", validTo: "2025-12-31" },
        {
          id: 2,
          focusArea: "Kriminalitetsforebyggelse",
          validFrom: "2025-01-01",
          validTo: "2025-12-31",
        },
      ],
      measured: [
        { agreementId: 1, year: 2023, status: "met", alive: true, count: 2 },
        { agreementId: 1, year: 2024, status: "met", alive: true, count: 1 },
        // A criterion retired in 2024 but measured in it: shown, and not counted twice.
        { agreementId: 1, year: 2024, status: "not_met", alive: false, count: 1 },
      ],
      criteria: [
        { agreementId: 1, retiredYear: null, count: 4 },
        { agreementId: 1, retiredYear: 2024, count: 1 },
        { agreementId: 2, retiredYear: null, count: 3 },
      ],
      money: [],
    };
    expect(measuredYears(rows)).toEqual([2023, 2024]);
    expect(planCriteriaByStatus(rows, 2024)).toEqual({
      year: 2024,
      focusAreas: [{ focusArea: "Beskæftigelse", counts: counts({ met: 1, not_met: 1, none: 3 }) }],
    });
    // 2023: the criterion retired in 2024 still counted (4 current + 1).
    expect(planCriteriaByStatus(rows, 2023).focusAreas[0]!.counts).toEqual(
      counts({ met: 2, none: 3 }),
    );
    expect(planCriteriaByStatus(rows, null)).toEqual({ year: null, focusAreas: [] });
    expect(
      planBudgetSpend({
        years: [2024],
        money: [
          { kind: "lbf", year: 2024, measure: "budget", amount: 10 },
          { kind: "lbf", year: 2024, measure: "spent", amount: 7 },
          { kind: "lbf", year: 2031, measure: "budget", amount: 99 },
        ],
      }),
    ).toEqual({
      years: [2024],
      rows: [
        { kind: "lbf", year: 2024, budget: 10, spent: 0 },
        { kind: "lbf", year: 2024, budget: 0, spent: 7 },
      ],
    });
  });
});

describe("drawn charts", () => {
  it("draws criteria by status as SVG with a title, the focus areas and the counts", async () => {
    const chart = await renderCriteriaByStatusChart(criteriaInput);
    const doc = parseSvg(chart.svg);
    expect(doc.getElementsByTagName("title")[0]?.textContent).toBe(
      "Succeskriterier efter status pr. indsatsområde, 2024",
    );
    expect(doc.getElementsByTagName("desc")[0]?.textContent).toContain(
      "Uddannelse og livschancer: Opfyldt 3, Ikke opfyldt 1, Ikke registreret 2",
    );
    const texts = svgText(chart.svg);
    expect(texts).toContain("Uddannelse og livschancer");
    expect(texts).toContain("Sammenhængskraft og medborgerskab");
    expect(texts).toEqual(expect.arrayContaining(["3", "1", "2", "4"]));
    expect(texts).toEqual(
      expect.arrayContaining(["Opfyldt", "Delvist opfyldt", "Ikke registreret"]),
    );
    expect(chart.svg).toContain('font-family="DejaVu Sans"');
  });

  it("draws budget against spend with Danish amounts on the bars and the axis", async () => {
    const chart = await renderBudgetVsSpendChart(budgetInput);
    const texts = svgText(chart.svg);
    expect(texts).toEqual(
      expect.arrayContaining([
        "Landsbyggefonden",
        "Kommune",
        "2023",
        "2024",
        "3.962.000 kr.",
        "2.600.000 kr.",
        "1.250.000 kr.",
        "Budget",
        "Forbrug",
      ]),
    );
    // The axis is formatted with the Danish locale too (no "4,000,000").
    expect(
      texts.some((t) => /^\d{1,3}(\.\d{3})+ kr\.$/.test(t) && !chart.table.rows.flat().includes(t)),
    ).toBe(true);
    expect(chart.svg).not.toMatch(/\d,\d{3},\d{3}/);
  });

  it("gives an empty plan charts that say 'Ingen data endnu' instead of failing", async () => {
    const criteria = await renderCriteriaByStatusChart({ year: null, focusAreas: [] });
    const money = await renderBudgetVsSpendChart({ years: [2024, 2025], rows: [] });
    for (const chart of [criteria, money]) {
      expect(svgText(chart.svg)).toContain("Ingen data endnu");
      expect(chart.description).toMatch(/^Ingen data endnu/);
      expect([...chart.png().data.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    }
  });

  it("draws the PNG once, on demand, at a readable size", async () => {
    const chart = await renderCriteriaByStatusChart(criteriaInput);
    const png = chart.png();
    expect(chart.png()).toBe(png);
    expect([...png.data.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.width).toBeGreaterThan(400);
    expect(png.data.length).toBeGreaterThan(5_000);
  });

  it("draws the same figures once, and changed figures anew", async () => {
    const first = await renderCriteriaByStatusChart(criteriaInput);
    const again = await renderCriteriaByStatusChart(structuredClone(criteriaInput));
    expect(again.svg).toBe(first.svg);
    expect(again.png()).toBe(first.png());
    const changed = structuredClone(criteriaInput);
    changed.focusAreas[0]!.counts.met = 9;
    const redrawn = await renderCriteriaByStatusChart(changed);
    expect(redrawn.svg).not.toBe(first.svg);
    expect(svgText(redrawn.svg)).toContain("9");
  });

  it("puts each chart in Word as a PNG with its caption and alt text", async () => {
    const charts = [
      await renderCriteriaByStatusChart(criteriaInput),
      await renderBudgetVsSpendChart(budgetInput),
    ];
    const doc = new Document({ sections: [{ children: chartBlocks(charts, "Diagrammer") }] });
    const files = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
    const media = Object.keys(files).filter((f) => f.startsWith("word/media/"));
    expect(media).toHaveLength(2);
    for (const name of media) {
      expect([...files[name]!.slice(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(files[name]!.length).toBeGreaterThan(5_000);
    }
    const xml = new TextDecoder().decode(files["word/document.xml"]);
    expect(xml).toContain("Diagrammer");
    expect(xml).toContain("Figur 1: Succeskriterier efter status pr. indsatsområde, 2024");
    expect(xml).toContain("Figur 2: Budget og forbrug pr. finansieringskilde, 2023–2024");
    expect(xml).toContain('title="Budget og forbrug pr. finansieringskilde, 2023–2024"');
  });
});
