/**
 * A value measured from the activity log in the progress report's Word document and workbook: its
 * source reads «Kilde: Aktivitetsloggen – 14 jobvejledninger i 2025», and a value the reporter
 * entered instead of the log's shows the log's figure and the reason.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildProgressReportView } from "~/domain/progress-report";
import { buildProgressReportDocument } from "../../templates/progress-report";
import { buildProgressReportWorkbook } from "../../templates/progress-report-xlsx";
import { renderDocx } from "../../templates/render";
import { progressReportInput } from "../fixtures/progress-report";
import { readDocxBuffer } from "../helpers/docx";

function inputWithLogValues() {
  const input = progressReportInput();
  // «Antal forløb med jobvejledning», counted in the log and taken as it is.
  input.measurements.push({
    criterionId: 105,
    valueNumber: 14,
    valueText: null,
    unit: "forløb",
    status: "met",
    overrideReason: null,
    comment: null,
    source: "Aktivitetsloggen: 14 jobvejledninger i 2025",
    logValue: 14,
    valueOverrideReason: null,
  });
  input.measurements = input.measurements.map((m) => {
    // The homework café's count: the reporter entered 10 where the log said 12.
    if (m.criterionId === 102)
      return {
        ...m,
        logValue: 12,
        valueOverrideReason: "To hold blev slået sammen i efteråret",
      };
    return m;
  });
  return input;
}

const view = buildProgressReportView(inputWithLogValues());
const SOURCE = "Kilde: Aktivitetsloggen – 14 jobvejledninger i 2025";
const OVERRIDE =
  "Aktivitetsloggen gav 12. Begrundelse for anden værdi: To hold blev slået sammen i efteråret";

describe("a value from the activity log in the progress report", () => {
  it("shows the log's source and the reason for another value in Word", async () => {
    const doc = readDocxBuffer(await renderDocx(buildProgressReportDocument(view)));
    const rows = doc.tables.flat();
    const jobs = rows.find((r) => r[0]?.startsWith("Antal forløb med jobvejledning"))!;
    expect(jobs[3]).toBe("14 forløb");
    expect(jobs[5]).toBe(SOURCE);
    const homework = rows.find((r) => r[0]?.startsWith("Antal børn, der kommer fast"))!;
    expect(homework[3]).toBe("10 børn");
    expect(homework[5]!.split("\n")).toContain(OVERRIDE);
  });

  it("keeps the log's figure as a number and the reason in the workbook", async () => {
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await buildProgressReportWorkbook(view).xlsx.writeBuffer());
    const sheet = back.getWorksheet("Succeskriterier")!;
    const header = sheet.getRow(2).values as unknown[];
    const column = (name: string) => header.indexOf(name);
    const rowOf = (start: string) => {
      for (let r = 3; r <= sheet.rowCount; r++) {
        const text = sheet.getRow(r).getCell(3).value;
        if (typeof text === "string" && text.startsWith(start)) return sheet.getRow(r);
      }
      throw new Error(`no row ${start}`);
    };
    const jobs = rowOf("Antal forløb med jobvejledning");
    expect(jobs.getCell(column("Kilde")).value).toBe("Aktivitetsloggen: 14 jobvejledninger i 2025");
    expect(jobs.getCell(column("Værdi fra aktivitetsloggen")).value).toBe(14);
    expect(jobs.getCell(column("Begrundelse for anden værdi")).value).toBeNull();
    const homework = rowOf("Antal børn, der kommer fast");
    expect(homework.getCell(column("Resultat")).value).toBe(10);
    expect(homework.getCell(column("Værdi fra aktivitetsloggen")).value).toBe(12);
    expect(homework.getCell(column("Begrundelse for anden værdi")).value).toBe(
      "To hold blev slået sammen i efteråret",
    );
  });
});
