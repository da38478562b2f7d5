/**
 * The progress report's Excel workbook, written to bytes and read back with exceljs: the sheets, a
 * row per criterion with numbers as numbers and statuses as words, budget and spend per funding
 * source that add up to the plan's figures, and the activities' notes.
 */
import ExcelJS from "exceljs";
import type { Worksheet } from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildProgressReportView } from "~/domain/progress-report";
import { buildProgressReportWorkbook } from "../../templates/progress-report-xlsx";
import {
  ACTIVITY,
  FIXTURE_PLAN,
  FOCUS,
  HOSTILE,
  NOTES,
  progressReportInput,
} from "../fixtures/progress-report";

const view = buildProgressReportView(progressReportInput());

async function roundTrip(workbook: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await workbook.xlsx.writeBuffer());
  return back;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`No sheet named ${name}`);
  return sheet;
}

/** Cells 1…width of a row. */
function cells(sheet: Worksheet, row: number, width: number): unknown[] {
  const r = sheet.getRow(row);
  return Array.from({ length: width }, (_, c) => r.getCell(c + 1).value ?? null);
}

/** The data rows below the title (row 1) and the header (row 2), up to the first empty row. */
function dataRows(sheet: Worksheet, width: number): unknown[][] {
  const rows: unknown[][] = [];
  for (let r = 3; r <= sheet.rowCount; r++) {
    const values = cells(sheet, r, width);
    if (values.every((v) => v === null)) break;
    rows.push(values);
  }
  return rows;
}

/** The value beside a label in the overview's two columns. */
function fact(sheet: Worksheet, label: string): { value: unknown; numFmt: string | undefined } {
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (row.getCell(1).value === label) {
      return { value: row.getCell(2).value, numFmt: row.getCell(2).numFmt };
    }
  }
  throw new Error(`No row labelled ${label}`);
}

describe("progress report workbook", () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await roundTrip(buildProgressReportWorkbook(view));
  });

  it("has the five sheets with a title, a frozen header and sensible widths", () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "Overblik",
      "Succeskriterier",
      "Økonomi",
      "Aktiviteter",
      "Aktivitetslog",
    ]);
    for (const sheet of workbook.worksheets) {
      expect(String(sheet.getCell("A1").value)).toMatch(/^Statusrapport 2025 · /);
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
      expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(20);
      expect(sheet.getRow(2).getCell(1).font?.bold).toBe(true);
    }
    expect(sheetOf(workbook, "Succeskriterier").getCell("A1").value).toBe(
      `Statusrapport 2025 · ${FIXTURE_PLAN} · Succeskriterier`,
    );
  });

  it("gives an overview of the plan, the counts and the year's money as numbers", () => {
    const sheet = sheetOf(workbook, "Overblik");
    expect(fact(sheet, "Helhedsplan").value).toBe(FIXTURE_PLAN);
    expect(fact(sheet, "Periode").value).toBe("1. januar 2023 – 31. december 2026");
    expect(fact(sheet, "Rapportår").value).toBe(2025);
    expect(fact(sheet, "Status").value).toBe("Udkast");
    expect(fact(sheet, "Frist").value).toBe("30. juni 2026");
    const counts = [
      "Opfyldt",
      "Delvist opfyldt",
      "Ikke opfyldt",
      "Ikke målt",
      "Ikke registreret",
      "I alt",
    ].map((label) => fact(sheet, label).value);
    expect(counts).toEqual([1, 2, 1, 1, 1, 6]);
    const money = ["Budget", "Forbrug", "Forskel", "Heraf forbrug af Landsbyggefondens midler"].map(
      (label) => fact(sheet, label),
    );
    expect(money.map((m) => m.value)).toEqual([2_700_000, 2_410_000, 290_000, 1_790_000]);
    for (const m of money) expect(m.numFmt).toBe('#,##0 "kr."');
    const share = fact(sheet, "Landsbyggefondens andel af forbruget");
    expect(share.value).toBeCloseTo(1_790_000 / 2_410_000);
    expect(share.numFmt).toBe("0.0%");
  });

  it("has one row per criterion of the year with baseline, target and result as numbers", () => {
    const sheet = sheetOf(workbook, "Succeskriterier");
    expect(cells(sheet, 2, 19)).toEqual([
      "Indsatsområde",
      "Aktivitet",
      "Succeskriterium",
      "Datakilde",
      "Udgangspunkt",
      "Udgangspunkt, enhed",
      "Udgangspunkt, år",
      "Mål",
      "Mål, enhed",
      "Mål, år",
      "Resultat",
      "Enhed",
      "Status",
      "Foreslået status",
      "Begrundelse",
      "Kommentar",
      "Kilde",
      "Værdi fra aktivitetsloggen",
      "Begrundelse for anden værdi",
    ]);
    const rows = dataRows(sheet, 17);
    expect(rows).toEqual([
      [
        FOCUS.education,
        null,
        "Andel af børn i 0. klasse, der er sprogligt parate",
        "Sprogvurderinger",
        62,
        "%",
        2022,
        75,
        "%",
        2026,
        76.5,
        "%",
        "Opfyldt",
        "Opfyldt",
        null,
        "Over målet allerede i år",
        "Sprogvurderinger august 2025",
      ],
      [
        FOCUS.education,
        ACTIVITY.homework,
        "Antal børn, der kommer fast i lektiecaféen",
        "Fremmødelister",
        12,
        "børn",
        2022,
        30,
        "børn",
        2026,
        10,
        "børn",
        "Ikke opfyldt",
        "Ikke opfyldt",
        null,
        HOSTILE,
        null,
      ],
      [
        FOCUS.education,
        ACTIVITY.parents,
        "Forældrenes oplevelse af netværket",
        "Interview med deltagerne",
        null,
        null,
        null,
        null,
        null,
        null,
        "Forældrene beskriver et tættere netværk",
        null,
        "Delvist opfyldt",
        null,
        null,
        null,
        "Tre gruppeinterview",
      ],
      [
        FOCUS.jobs,
        null,
        "Andel af beboere (16-64 år) i beskæftigelse",
        "Engby Kommunes statistik",
        48,
        "%",
        2022,
        55,
        "%",
        2026,
        46,
        "%",
        "Delvist opfyldt",
        "Ikke opfyldt",
        "Flere unge er gået i uddannelse og tæller ikke med",
        null,
        null,
      ],
      [
        FOCUS.jobs,
        ACTIVITY.jobs,
        "Antal forløb med jobvejledning",
        "Sekretariatets registrering",
        null,
        null,
        null,
        40,
        "forløb",
        2025,
        null,
        null,
        "Ikke registreret",
        null,
        null,
        null,
        null,
      ],
      [
        FOCUS.jobs,
        null,
        "Tilfredshed med samarbejdet med jobcentret",
        "Spørgeskema til partnerne",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        "Ikke målt",
        null,
        null,
        "Spørgeskemaet er udskudt til 2026",
        null,
      ],
    ]);
    // Real number cells, not numbers written as text.
    for (const column of [4, 6, 7, 9, 10]) expect(typeof rows[0]![column]).toBe("number");
    expect(typeof rows[1]![10]).toBe("number");
    expect(typeof rows[2]![10]).toBe("string");
  });

  it("colours the status cell and filters the criteria", () => {
    const sheet = sheetOf(workbook, "Succeskriterier");
    const fill = (row: number) => {
      const f = sheet.getRow(row).getCell(13).fill;
      return f?.type === "pattern" ? f.fgColor?.argb : undefined;
    };
    expect([3, 4, 5, 6, 8].map(fill)).toEqual([
      "FFC6EFCE",
      "FFFFC7CE",
      "FFFFEB9C",
      "FFFFEB9C",
      "FFE7E6E6",
    ]);
    // Nothing entered: no colour, the words say it.
    expect(fill(7)).toBeUndefined();
    expect(sheet.autoFilter).toBe("A2:S8");
  });

  it("lists budget against spend per agreement and funding source, adding up to the plan", () => {
    const sheet = sheetOf(workbook, "Økonomi");
    expect(cells(sheet, 2, 7)).toEqual([
      "Indsatsområde",
      "Finansieringskilde",
      "Type",
      "Budget",
      "Forbrug",
      "Forskel",
      "Forbrugt af budget",
    ]);
    const rows = dataRows(sheet, 6);
    expect(rows).toEqual([
      [FOCUS.education, "Landsbyggefonden", "LBF", 1_200_000, 1_150_000, 50_000],
      [FOCUS.education, "Engby Kommune", "Lokal", 300_000, 320_000, -20_000],
      [FOCUS.education, "Boligforeningen Engtoften", "Lokal", 150_000, 90_000, 60_000],
      [FOCUS.jobs, "Landsbyggefonden", "LBF", 800_000, 640_000, 160_000],
      [FOCUS.jobs, "Engby Kommune", "Lokal", 250_000, 210_000, 40_000],
    ]);
    for (const row of rows) {
      for (const value of row.slice(3)) expect(typeof value).toBe("number");
    }
    const sum = (column: number) => rows.reduce((total, row) => total + (row[column] as number), 0);
    expect([sum(3), sum(4), sum(5)]).toEqual([
      view.spending.budget,
      view.spending.spent,
      view.spending.budget - view.spending.spent,
    ]);
    const lbfSpent = rows.filter((r) => r[2] === "LBF").reduce((t, r) => t + (r[4] as number), 0);
    expect(lbfSpent).toBe(view.spending.lbfSpent);
    expect(sheet.getRow(3).getCell(4).numFmt).toBe('#,##0 "kr."');
    expect(sheet.getRow(4).getCell(7).value).toBeCloseTo(320_000 / 300_000);

    // The plan's total below the filtered rows, after an empty row.
    expect(cells(sheet, 9, 7)).toEqual([
      "I alt",
      null,
      null,
      2_700_000,
      2_410_000,
      290_000,
      2_410_000 / 2_700_000,
    ]);
    expect(sheet.autoFilter).toBe("A2:G7");
  });

  it("lists the activities with their status notes", () => {
    const sheet = sheetOf(workbook, "Aktiviteter");
    expect(cells(sheet, 2, 3)).toEqual(["Indsatsområde", "Aktivitet", "Statusnote"]);
    expect(dataRows(sheet, 3)).toEqual([
      [FOCUS.education, ACTIVITY.homework, NOTES.homework],
      [FOCUS.education, ACTIVITY.parents, null],
      [FOCUS.jobs, ACTIVITY.jobs, NOTES.jobs],
    ]);
  });
});

describe("progress report workbook's activity log", () => {
  it("has a row per count: events by kind and participants by group, as numbers", async () => {
    const workbook = await roundTrip(buildProgressReportWorkbook(view));
    const sheet = sheetOf(workbook, "Aktivitetslog");
    expect(cells(sheet, 2, 5)).toEqual([
      "Indsatsområde",
      "Aktivitet",
      "Opgørelse",
      "Type eller gruppe",
      "Antal",
    ]);
    expect(dataRows(sheet, 5)).toEqual([
      [FOCUS.education, ACTIVITY.homework, "Hændelser", "Arrangement", 12],
      [FOCUS.education, ACTIVITY.homework, "Hændelser", "Temamøde", 2],
      [FOCUS.education, ACTIVITY.homework, "Deltagere", "Beboere", 1140],
      [FOCUS.education, ACTIVITY.homework, "Deltagere", "Frivillige", 18],
      [FOCUS.jobs, ACTIVITY.jobs, "Hændelser", "Kursus", 3],
    ]);
  });

  it("is left out when nothing was logged (a report finalised before the log)", async () => {
    const old = buildProgressReportView({ ...progressReportInput(), logCounts: [] });
    for (const a of old.agreements) for (const act of a.activities) delete act.log;
    const workbook = await roundTrip(buildProgressReportWorkbook(old));
    expect(workbook.worksheets.map((s) => s.name)).not.toContain("Aktivitetslog");
  });
});

describe("progress report workbook of a final report", () => {
  it("says when and by whom the report was made final", async () => {
    const input = progressReportInput();
    const final = buildProgressReportView({
      ...input,
      report: {
        ...input.report!,
        status: "final",
        finalisedAt: "2026-05-12T08:30:00.000Z",
        finalisedBy: "Nadia Wulff",
      },
    });
    const sheet = sheetOf(await roundTrip(buildProgressReportWorkbook(final)), "Overblik");
    expect(fact(sheet, "Status").value).toBe("Endelig");
    expect(fact(sheet, "Gjort endelig").value).toBe("12. maj 2026 kl. 10.30 af Nadia Wulff");
  });
});
