/**
 * The measurements and spending workbooks, written to bytes and read back with exceljs as a user's
 * Excel would: figures are numeric cells with Danish-looking formats, statuses carry their label
 * and colour, the header is bold and frozen.
 */
import ExcelJS from "exceljs";
import type { Worksheet } from "exceljs";
import { describe, expect, it } from "vitest";
import type { CriterionView } from "~/domain/agreement-view";
import { computeBudget } from "~/domain/budget";
import {
  NO_MEASUREMENT_LABEL,
  type MeasurementGridRow,
  type StoredMeasurement,
} from "~/domain/measurement";
import { compareSpending } from "~/domain/spending";
import {
  buildMeasurementsWorkbook,
  HEADER_ROW,
  KRONER_FORMAT,
  MEASUREMENT_COLUMNS,
  PERCENT_FORMAT,
  STATUS_COLOURS,
} from "../../templates/measurements-xlsx";
import { buildSpendingWorkbook, SPENDING_COLUMNS } from "../../templates/spending-xlsx";

async function readBack(workbook: ExcelJS.Workbook, name: string): Promise<Worksheet> {
  const bytes = await workbook.xlsx.writeBuffer();
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(bytes);
  const sheet = read.getWorksheet(name);
  if (!sheet) throw new Error(`No sheet named ${name}`);
  return sheet;
}

/** The sheet's data rows (below the header) as arrays of cell values, columns 1…n. */
function dataRows(sheet: Worksheet, columns: number) {
  const rows: unknown[][] = [];
  for (let r = HEADER_ROW + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Array.from({ length: columns }, (_, c) => row.getCell(c + 1).value ?? null));
  }
  return rows;
}

function headerOf(sheet: Worksheet, columns: number) {
  const row = sheet.getRow(HEADER_ROW);
  return Array.from({ length: columns }, (_, c) => row.getCell(c + 1));
}

const measure = (value: number, unit: string, year: number) => ({
  value,
  unit,
  year,
  note: null,
  text: `${value} ${unit} (${year})`,
});

function criterion(id: number, text: string, extra: Partial<CriterionView> = {}): CriterionView {
  return { id, text, dataSource: "Beboerundersøgelsen", baseline: null, target: null, ...extra };
}

function stored(values: Partial<StoredMeasurement>): StoredMeasurement {
  return {
    id: 1,
    version: 1,
    valueNumber: null,
    valueText: null,
    unit: null,
    status: "not_measured",
    overrideReason: null,
    comment: null,
    source: null,
    ...values,
  };
}

const gridRows: MeasurementGridRow[] = [
  {
    criterion: criterion(1, "Flere beboere føler sig trygge", {
      baseline: measure(71, "%", 2022),
      target: measure(80, "%", 2026),
    }),
    activity: null,
    baselineValue: 71,
    targetValue: 80,
    defaultUnit: "%",
    measurement: stored({
      valueNumber: 82.5,
      unit: "%",
      status: "met",
      comment: "Over målet",
      source: "Beboerundersøgelsen 2024",
    }),
    suggestion: "met",
  },
  {
    criterion: criterion(2, "Deltagere i lektiecaféen", { target: measure(40, "børn", 2026) }),
    activity: { id: 7, name: "Lektiecafé" },
    baselineValue: null,
    targetValue: 40,
    defaultUnit: "børn",
    measurement: stored({
      valueNumber: 1250,
      unit: "børn",
      status: "partly_met",
      overrideReason: "Tallet dækker to skoleår",
    }),
    suggestion: "met",
  },
  {
    criterion: criterion(3, "Forældrene oplever et bedre samarbejde"),
    activity: { id: 7, name: "Lektiecafé" },
    baselineValue: null,
    targetValue: null,
    defaultUnit: null,
    measurement: stored({ valueText: "Bedre end sidste år", status: "not_met" }),
    suggestion: null,
  },
  {
    criterion: criterion(4, "Klubben er åben fire aftener om ugen"),
    activity: { id: 8, name: "Ungeklub" },
    baselineValue: null,
    targetValue: null,
    defaultUnit: null,
    measurement: stored({ status: "not_measured", comment: "Måles i 2025" }),
    suggestion: null,
  },
  {
    criterion: criterion(5, "Ingen måling endnu"),
    activity: { id: 8, name: "Ungeklub" },
    baselineValue: null,
    targetValue: null,
    defaultUnit: null,
    measurement: null,
    suggestion: null,
  },
];

describe("measurements workbook", () => {
  const build = () =>
    buildMeasurementsWorkbook({
      agreement: { planName: "Helhedsplan Strandengen", focusArea: "Tryghed og trivsel" },
      year: 2024,
      rows: gridRows,
    });

  it("has a title, a bold frozen header and sensible column widths", async () => {
    const sheet = await readBack(build(), "Målinger 2024");
    expect(sheet.getCell("A1").value).toBe(
      "Målinger 2024 · Helhedsplan Strandengen · Tryghed og trivsel",
    );
    expect(sheet.getCell("A1").font?.bold).toBe(true);
    const header = headerOf(sheet, MEASUREMENT_COLUMNS.length);
    expect(header.map((c) => c.value)).toEqual([
      "Aktivitet",
      "Succeskriterium",
      "Datakilde",
      "Udgangspunkt",
      "Mål",
      "Faktisk værdi",
      "Enhed",
      "Status",
      "Kommentar",
      "Kilde",
    ]);
    expect(header.every((c) => c.font?.bold === true)).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: HEADER_ROW });
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(40);
    expect(sheet.getColumn(7).width).toBeLessThan(sheet.getColumn(2).width!);
  });

  it("writes numeric values as numbers and text results as text, in the grid's order", async () => {
    const sheet = await readBack(build(), "Målinger 2024");
    const rows = dataRows(sheet, MEASUREMENT_COLUMNS.length);
    expect(rows).toEqual([
      [
        null,
        "Flere beboere føler sig trygge",
        "Beboerundersøgelsen",
        "71 % (2022)",
        "80 % (2026)",
        82.5,
        "%",
        "Opfyldt",
        "Over målet",
        "Beboerundersøgelsen 2024",
      ],
      [
        "Lektiecafé",
        "Deltagere i lektiecaféen",
        "Beboerundersøgelsen",
        null,
        "40 børn (2026)",
        1250,
        "børn",
        "Delvist opfyldt",
        "Begrundelse for status: Tallet dækker to skoleår",
        null,
      ],
      [
        "Lektiecafé",
        "Forældrene oplever et bedre samarbejde",
        "Beboerundersøgelsen",
        null,
        null,
        "Bedre end sidste år",
        null,
        "Ikke opfyldt",
        null,
        null,
      ],
      [
        "Ungeklub",
        "Klubben er åben fire aftener om ugen",
        "Beboerundersøgelsen",
        null,
        null,
        null,
        null,
        "Ikke målt",
        "Måles i 2025",
        null,
      ],
      [
        "Ungeklub",
        "Ingen måling endnu",
        "Beboerundersøgelsen",
        null,
        null,
        null,
        null,
        NO_MEASUREMENT_LABEL,
        null,
        null,
      ],
    ]);
    expect(typeof rows[0]![5]).toBe("number");
    expect(typeof rows[1]![5]).toBe("number");
  });

  it("colours each status: green, amber, red, grey; nothing for an unrecorded one", async () => {
    const sheet = await readBack(build(), "Målinger 2024");
    const fillOf = (row: number) => {
      const fill = sheet.getRow(HEADER_ROW + row).getCell(8).fill;
      return fill?.type === "pattern" && fill.pattern === "solid" ? fill.fgColor?.argb : undefined;
    };
    expect([1, 2, 3, 4, 5].map(fillOf)).toEqual([
      STATUS_COLOURS.met.fill,
      STATUS_COLOURS.partly_met.fill,
      STATUS_COLOURS.not_met.fill,
      STATUS_COLOURS.not_measured.fill,
      undefined,
    ]);
    expect(STATUS_COLOURS.met.fill).toBe("FFC6EFCE");
    expect(STATUS_COLOURS.not_met.fill).toBe("FFFFC7CE");
  });

  it("names the sheet by year and writes only the header for an agreement without criteria", async () => {
    const workbook = buildMeasurementsWorkbook({
      agreement: { planName: "P", focusArea: "F" },
      year: 2026,
      rows: [],
    });
    const sheet = await readBack(workbook, "Målinger 2026");
    expect(sheet.rowCount).toBe(HEADER_ROW);
  });
});

describe("spending workbook", () => {
  const budget = computeBudget(
    [2024, 2025],
    [
      {
        id: 1,
        kind: "lbf",
        label: "Landsbyggefonden",
        amounts: [{ year: 2024, amount: 1_064_000 }],
      },
      {
        id: 2,
        kind: "municipality",
        label: "Havbakke Kommune",
        amounts: [{ year: 2024, amount: 270_000 }],
      },
      { id: 3, kind: "housing_organisation", label: "Fællesbo Havbakke", amounts: [] },
    ],
  );
  const comparison = compareSpending(
    budget,
    [
      { sourceId: 1, amount: 800_000 },
      { sourceId: 2, amount: 300_000 },
      { sourceId: 3, amount: 12_500 },
    ],
    2024,
  );
  const build = () =>
    buildSpendingWorkbook({
      agreement: { planName: "Helhedsplan Strandengen", focusArea: "Tryghed og trivsel" },
      comparison,
    });

  it("lists LBF, the local sources and the total with kroner as numbers", async () => {
    const sheet = await readBack(build(), "Forbrug 2024");
    expect(sheet.getCell("A1").value).toBe(
      "Forbrug 2024 · Helhedsplan Strandengen · Tryghed og trivsel",
    );
    const header = headerOf(sheet, SPENDING_COLUMNS.length);
    expect(header.map((c) => c.value)).toEqual([
      "Organisation",
      "Budget",
      "Forbrug",
      "Forskel",
      "Forbrugt af budget",
    ]);
    expect(header.every((c) => c.font?.bold === true)).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: HEADER_ROW });

    const rows = dataRows(sheet, SPENDING_COLUMNS.length);
    expect(rows.slice(0, 5)).toEqual([
      ["Landsbyggefonden", 1_064_000, 800_000, 264_000, 800_000 / 1_064_000],
      ["Lokal medfinansiering", 270_000, 312_500, -42_500, 312_500 / 270_000],
      ["Havbakke Kommune", 270_000, 300_000, -30_000, 300_000 / 270_000],
      // No budget: no share rather than a made-up one.
      ["Fællesbo Havbakke", 0, 12_500, -12_500, null],
      ["I alt", 1_334_000, 1_112_500, 221_500, 1_112_500 / 1_334_000],
    ]);
    for (const row of rows.slice(0, 5)) {
      for (const value of row.slice(1, 4)) expect(typeof value).toBe("number");
    }
    expect(rows).toContainEqual([
      "Landsbyggefondens andel af forbruget",
      800_000 / 1_112_500,
      null,
      null,
      null,
    ]);
  });

  it("formats kroner and shares, and marks group and total lines bold", async () => {
    const sheet = await readBack(build(), "Forbrug 2024");
    const first = HEADER_ROW + 1;
    for (const col of [2, 3, 4]) {
      expect(sheet.getRow(first).getCell(col).numFmt).toBe(KRONER_FORMAT);
    }
    expect(KRONER_FORMAT).toBe('#,##0 "kr."');
    expect(sheet.getRow(first).getCell(5).numFmt).toBe(PERCENT_FORMAT);
    expect(PERCENT_FORMAT).toBe("0.0%");
    expect(sheet.getRow(first).getCell(1).font?.bold).toBe(true);
    expect(sheet.getRow(first + 2).getCell(1).font?.bold).toBeFalsy();
    expect(sheet.getRow(first + 4).getCell(2).font?.bold).toBe(true);
    const shareRow = sheet.getRow(first + 6);
    expect(shareRow.getCell(1).value).toBe("Landsbyggefondens andel af forbruget");
    expect(shareRow.getCell(2).numFmt).toBe(PERCENT_FORMAT);
  });

  it("lists several LBF sources under the LBF line", async () => {
    const twoLbf = computeBudget(
      [2024],
      [
        { id: 1, kind: "lbf", label: "LBF drift", amounts: [{ year: 2024, amount: 100 }] },
        { id: 2, kind: "lbf", label: "LBF anlæg", amounts: [{ year: 2024, amount: 50 }] },
      ],
    );
    const sheet = await readBack(
      buildSpendingWorkbook({
        agreement: { planName: "P", focusArea: "F" },
        comparison: compareSpending(twoLbf, [{ sourceId: 2, amount: 50 }], 2024),
      }),
      "Forbrug 2024",
    );
    expect(dataRows(sheet, 3).slice(0, 5)).toEqual([
      ["Landsbyggefonden", 150, 50],
      ["LBF drift", 100, 0],
      ["LBF anlæg", 50, 50],
      ["Lokal medfinansiering", 0, 0],
      ["I alt", 150, 50],
    ]);
  });
});
