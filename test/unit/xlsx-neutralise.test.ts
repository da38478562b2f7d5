/**
 * Formula injection in the Excel downloads (OWASP "CSV Injection"): a text a user typed that starts
 * with =, +, -, @, a tab or a carriage return must reach the sheet as inert text that Excel or
 * LibreOffice will not evaluate when the cell is edited, while real figures stay numeric cells.
 * Every workbook builder is written to bytes and read back, with exceljs and as raw sheet XML.
 */
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { computeBudget } from "~/domain/budget";
import type { MeasurementGridRow } from "~/domain/measurement";
import { buildProgressReportView } from "~/domain/progress-report";
import { shapeRollup } from "~/domain/rollup";
import { compareSpending } from "~/domain/spending";
import { buildMeasurementsWorkbook } from "../../templates/measurements-xlsx";
import { buildProgressReportWorkbook } from "../../templates/progress-report-xlsx";
import { buildRollupWorkbook } from "../../templates/rollup-xlsx";
import { buildSpendingWorkbook } from "../../templates/spending-xlsx";
import { neutraliseCellText, neutraliseCellValue } from "../../templates/xlsx-cells";
import { progressReportInput } from "../fixtures/progress-report";

const HYPERLINK = '=HYPERLINK("http://evil.example","klik")';
const PLUS = "+1+cmd|' /C calc'!A0";
const MINUS = "-2+3";
const AT = "@SUM(1+1)";
const TAB = "\t=1+1";
const CR = "\r=1+1";
/** XML readers turn a stored carriage return into a line feed; the apostrophe stays in front. */
const CR_READ_BACK = "'\n=1+1";

/** Every text cell of the read-back workbook, by sheet, as the user's spreadsheet sees it. */
async function readTexts(workbook: ExcelJS.Workbook): Promise<{
  texts: string[];
  numbers: number[];
  xml: string;
}> {
  const bytes = await workbook.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(bytes);
  const texts: string[] = [];
  const numbers: number[] = [];
  back.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string") texts.push(cell.value);
        if (typeof cell.value === "number") numbers.push(cell.value);
        // No cell may come back as a formula.
        expect(cell.formula).toBeUndefined();
      }),
    ),
  );
  const parts = unzipSync(new Uint8Array(bytes as ArrayBuffer));
  const xml = Object.entries(parts)
    .filter(([name]) => name.startsWith("xl/worksheets/") || name === "xl/sharedStrings.xml")
    .map(([, data]) => strFromU8(data))
    .join("\n");
  return { texts, numbers, xml };
}

/** Asserts that no text cell starts like a formula, and that the sheet XML holds no formula. */
function expectInert(texts: string[], xml: string) {
  for (const text of texts) expect(text).not.toMatch(/^[=+\-@\t\r]/);
  expect(xml).not.toContain("<f>");
  expect(xml).not.toMatch(/<f[ >]/);
}

describe("neutraliseCellText", () => {
  it("puts an apostrophe before every formula starter, and leaves other texts alone", () => {
    for (const text of [HYPERLINK, PLUS, MINUS, AT, TAB, CR]) {
      expect(neutraliseCellText(text)).toBe(`'${text}`);
    }
    for (const text of ["Tryghed", "80 %", "1=1", " =1", "", "'allerede citeret"]) {
      expect(neutraliseCellText(text)).toBe(text);
    }
  });

  it("keeps numbers, dates and empty cells as they are", () => {
    const date = new Date("2025-01-01T00:00:00Z");
    expect(neutraliseCellValue(-5)).toBe(-5);
    expect(neutraliseCellValue(date)).toBe(date);
    expect(neutraliseCellValue(null)).toBe(null);
    expect(neutraliseCellValue({ richText: [{ text: "=1+1" }, { text: " og mere" }] })).toEqual({
      richText: [{ text: "'=1+1" }, { text: " og mere" }],
    });
  });
});

describe("measurements workbook", () => {
  const rows: MeasurementGridRow[] = [
    {
      criterion: { id: 1, text: HYPERLINK, dataSource: PLUS, baseline: null, target: null },
      activity: { id: 7, name: AT },
      baselineValue: null,
      targetValue: null,
      defaultUnit: null,
      measurement: {
        id: 1,
        version: 1,
        valueNumber: -12.5,
        valueText: null,
        unit: MINUS,
        status: "met",
        overrideReason: null,
        comment: TAB,
        source: CR,
      },
      suggestion: null,
    },
    {
      criterion: { id: 2, text: "Tryghed", dataSource: "Måling", baseline: null, target: null },
      activity: null,
      baselineValue: null,
      targetValue: null,
      defaultUnit: null,
      measurement: {
        id: 2,
        version: 1,
        valueNumber: null,
        valueText: "=1+1",
        unit: null,
        status: "not_met",
        overrideReason: null,
        comment: null,
        source: null,
      },
      suggestion: null,
    },
  ];

  it("stores formula-like texts as inert text with an apostrophe, and numbers as numbers", async () => {
    const workbook = buildMeasurementsWorkbook({
      agreement: { planName: "=Plan", focusArea: "Tryghed" },
      year: 2025,
      rows,
    });
    const { texts, numbers, xml } = await readTexts(workbook);
    expectInert(texts, xml);
    expect(texts).toEqual(
      expect.arrayContaining([
        `'${HYPERLINK}`,
        `'${PLUS}`,
        `'${AT}`,
        `'${MINUS}`,
        `'${TAB}`,
        CR_READ_BACK,
        "'=1+1",
      ]),
    );
    // The negative figure stays a number (a numeric cell), not a neutralised text.
    expect(numbers).toContain(-12.5);
    expect(xml).toContain("<v>-12.5</v>");
    // The hyperlink formula sits in the shared strings, as a string, with its apostrophe.
    expect(xml).toMatch(/<t[^>]*>(?:'|&apos;)=HYPERLINK\((?:"|&quot;)http:\/\/evil\.example/);
  });
});

describe("the other workbooks", () => {
  it("spending: a funding source named like a formula", async () => {
    const budget = computeBudget(
      [2025],
      [
        { id: 1, kind: "lbf", label: HYPERLINK, amounts: [{ year: 2025, amount: 100_000 }] },
        { id: 2, kind: "other", label: "-Kommunen", amounts: [{ year: 2025, amount: 50_000 }] },
      ],
    );
    const comparison = compareSpending(
      budget,
      [
        { sourceId: 1, amount: 120_000 },
        { sourceId: 2, amount: 10_000 },
      ],
      2025,
    );
    const workbook = buildSpendingWorkbook({
      agreement: { planName: "@Plan", focusArea: "+Område" },
      comparison,
    });
    const { texts, numbers, xml } = await readTexts(workbook);
    expectInert(texts, xml);
    expect(texts.some((t) => t.startsWith("'-Kommunen"))).toBe(true);
    // The overspend is a negative number and stays one.
    expect(numbers).toContain(-20_000);
  });

  it("roll-up: a plan and a focus area named like formulas", async () => {
    const counts = { criteria: 2, met: 1, partly_met: 0, not_met: 1, not_measured: 0 };
    const rollup = shapeRollup({
      year: 2025,
      years: [2025],
      focusAreas: [
        {
          fundingRoundId: 1,
          fundingRound: "=Pulje",
          focusAreaId: 1,
          focusArea: PLUS,
          planCount: 1,
          notRecorded: 0,
          ...counts,
        },
      ],
      plans: [{ planId: 1, planName: HYPERLINK, agreementCount: 1, notRecorded: 0, ...counts }],
    });
    const { texts, numbers, xml } = await readTexts(buildRollupWorkbook(rollup));
    expectInert(texts, xml);
    expect(texts).toEqual(expect.arrayContaining([`'${HYPERLINK}`, `'${PLUS}`, "'=Pulje"]));
    expect(numbers).toContain(2);
  });

  it("progress report: the plan name, criteria and activity notes", async () => {
    const view = buildProgressReportView(progressReportInput());
    view.plan.name = HYPERLINK;
    const agreement = view.agreements[0]!;
    agreement.criteria[0]!.text = AT;
    agreement.activities[0]!.note = CR;
    const { texts, numbers, xml } = await readTexts(buildProgressReportWorkbook(view));
    expectInert(texts, xml);
    expect(texts).toEqual(expect.arrayContaining([`'${HYPERLINK}`, `'${AT}`, CR_READ_BACK]));
    expect(numbers.length).toBeGreaterThan(0);
  });
});
