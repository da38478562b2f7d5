/**
 * A baseline or target written as text ("53 %, 66 % og 68 %") in the progress report's Excel sheet
 * of success criteria: it stays text, and a number stays a number.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildProgressReportView } from "~/domain/progress-report";
import { buildProgressReportWorkbook } from "../../templates/progress-report-xlsx";
import { progressReportInput } from "../fixtures/progress-report";

/** The criteria sheet's columns: Udgangspunkt (5), its unit (6) and year (7), Mål (8). */
async function criteriaRows(): Promise<Map<string, unknown[]>> {
  const input = progressReportInput();
  const edit = (text: string, fields: Record<string, unknown>) => {
    const c = input.criteria.find((x) => x.text === text)!;
    Object.assign(c, fields);
  };
  edit("Forældrenes oplevelse af netværket", {
    baselineText: "53 %, 66 % og 68 % i tre afdelinger",
    baselineYear: 2018,
    targetText: "Mindst 70 % i alle tre",
  });
  edit("Andel af børn i 0. klasse, der er sprogligt parate", {
    baselineText: "gennemsnit af tre skoler",
  });
  const workbook = new ExcelJS.Workbook();
  const bytes = await buildProgressReportWorkbook(
    buildProgressReportView(input),
  ).xlsx.writeBuffer();
  await workbook.xlsx.load(bytes as ArrayBuffer);
  const sheet = workbook.getWorksheet("Succeskriterier")!;
  const rows = new Map<string, unknown[]>();
  sheet.eachRow((row) => {
    const cells = [5, 6, 7, 8, 9, 10].map((n) => row.getCell(n).value ?? null);
    rows.set(String(row.getCell(3).value), cells);
  });
  return rows;
}

describe("text baselines and targets in the progress report workbook", () => {
  it("writes a text measure as written, a number as a number, and both side by side", async () => {
    const rows = await criteriaRows();
    expect(rows.get("Forældrenes oplevelse af netværket")).toEqual([
      "53 %, 66 % og 68 % i tre afdelinger",
      null,
      2018,
      "Mindst 70 % i alle tre",
      null,
      null,
    ]);
    expect(rows.get("Andel af børn i 0. klasse, der er sprogligt parate")).toEqual([
      "62 – gennemsnit af tre skoler",
      "%",
      2022,
      75,
      "%",
      2026,
    ]);
    // Untouched criteria keep their numbers as numbers.
    expect(rows.get("Antal børn, der kommer fast i lektiecaféen")?.[0]).toBe(12);
  });
});
