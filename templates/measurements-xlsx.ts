/**
 * An agreement's measurements of one year as an Excel workbook: one row per success criterion in
 * the grid's order, the actual value as a real number where it is one, the status as its Danish
 * label on a coloured fill. Pure: takes the grid (a plain object) and returns an exceljs Workbook;
 * writing the bytes is the caller's business. Also holds the sheet layout the spending workbook
 * shares (title row, bold frozen header, column widths).
 */
import { createRequire } from "node:module";
import type ExcelJS from "exceljs";
import type { Fill, Font, Worksheet } from "exceljs";
import {
  measurementStatusLabels,
  NO_MEASUREMENT_LABEL,
  type MeasurementGridRow,
  type MeasurementStatus,
} from "../app/domain/measurement";
import { neutraliseWorkbook } from "./xlsx-cells";

export interface XlsxColumn {
  header: string;
  /** In characters, as Excel measures column widths. */
  width: number;
  /** Long texts wrap within the column instead of running into the next one. */
  wrap?: boolean;
  numFmt?: string;
}

/** Whole kroner; Excel shows its locale's thousands separator ("1.064.000 kr." in Danish). */
export const KRONER_FORMAT = '#,##0 "kr."';
export const PERCENT_FORMAT = "0.0%";

/** The sheet's title row (row 1). */
export const TITLE_ROW = 1;
/** The column headings (row 2); the data starts below. */
export const HEADER_ROW = 2;

const headerFill: Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFD9E1F2" },
};

/**
 * A sheet with a bold title in row 1 and the column headings in row 2, bold and frozen, so they
 * stay in view while scrolling.
 */
export function addTableSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  columns: readonly XlsxColumn[],
): Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: HEADER_ROW }],
  });
  columns.forEach((column, index) => {
    const col = sheet.getColumn(index + 1);
    col.width = column.width;
    if (column.numFmt) col.numFmt = column.numFmt;
    if (column.wrap) col.alignment = { wrapText: true, vertical: "top" };
  });
  const titleCell = sheet.getRow(TITLE_ROW).getCell(1);
  titleCell.value = title;
  titleCell.font = { bold: true, size: 14 };
  // The title runs on across the empty cells beside it rather than wrapping in the first column.
  titleCell.alignment = { wrapText: false };
  const headerRow = sheet.getRow(HEADER_ROW);
  columns.forEach((column, index) => {
    const cell = headerRow.getCell(index + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.fill = headerFill;
    cell.alignment = { wrapText: true, vertical: "bottom" };
    cell.border = { bottom: { style: "thin" } };
  });
  return sheet;
}

/** "Målinger 2024 · Helhedsplan Strandengen · Sammenhængskraft og medborgerskab" */
export function sheetTitle(kind: string, year: number, planName: string, focusArea: string) {
  return `${kind} ${year} · ${planName} · ${focusArea}`;
}

/**
 * exceljs, loaded by the first workbook rather than with the server: it takes about half a second
 * of CPU to load, which every server start (and test process) would otherwise pay. `require`, not
 * `import()`, so that building a workbook stays synchronous; exceljs is a CommonJS package.
 */
let excel: typeof ExcelJS | undefined;

export function createWorkbook(): ExcelJS.Workbook {
  excel ??= createRequire(import.meta.url)("exceljs") as typeof ExcelJS;
  const workbook = new excel.Workbook();
  workbook.creator = "Samarbejdsaftaler";
  return workbook;
}

// --- the measurements sheet ---------------------------------------------------------------------

export const MEASUREMENT_COLUMNS = [
  { header: "Aktivitet", width: 28, wrap: true },
  { header: "Succeskriterium", width: 48, wrap: true },
  { header: "Datakilde", width: 32, wrap: true },
  { header: "Udgangspunkt", width: 16, wrap: true },
  { header: "Mål", width: 16, wrap: true },
  { header: "Faktisk værdi", width: 14 },
  { header: "Enhed", width: 10 },
  { header: "Status", width: 17 },
  { header: "Kommentar", width: 48, wrap: true },
  { header: "Kilde", width: 30, wrap: true },
] as const satisfies readonly XlsxColumn[];

/** Excel's own "good / neutral / bad" cell styles, and grey for "not measured". */
export const STATUS_COLOURS: Record<MeasurementStatus, { fill: string; font: string }> = {
  met: { fill: "FFC6EFCE", font: "FF006100" },
  partly_met: { fill: "FFFFEB9C", font: "FF9C5700" },
  not_met: { fill: "FFFFC7CE", font: "FF9C0006" },
  not_measured: { fill: "FFE7E6E6", font: "FF3A3A3A" },
};

export interface MeasurementsWorkbookInput {
  agreement: { planName: string; focusArea: string };
  year: number;
  rows: readonly MeasurementGridRow[];
}

/** The comment, with the reason for a status that differs from the suggestion below it. */
function commentText(row: MeasurementGridRow): string | null {
  const m = row.measurement;
  if (!m) return null;
  const parts = [m.comment, m.overrideReason ? `Begrundelse for status: ${m.overrideReason}` : ""];
  return parts.filter(Boolean).join("\n") || null;
}

export function buildMeasurementsWorkbook(input: MeasurementsWorkbookInput): ExcelJS.Workbook {
  const { agreement, year, rows } = input;
  const workbook = createWorkbook();
  const sheet = addTableSheet(
    workbook,
    `Målinger ${year}`,
    sheetTitle("Målinger", year, agreement.planName, agreement.focusArea),
    MEASUREMENT_COLUMNS,
  );
  for (const row of rows) {
    const m = row.measurement;
    const added = sheet.addRow([
      row.activity?.name ?? null,
      row.ended ? `${row.criterion.text} (afsluttet)` : row.criterion.text,
      row.criterion.dataSource,
      row.criterion.baseline?.text ?? null,
      row.criterion.target?.text ?? null,
      // A number stays a number, so it can be summed and charted; a text result stays text.
      m ? (m.valueNumber ?? m.valueText ?? null) : null,
      m?.unit ?? null,
      m ? measurementStatusLabels[m.status] : NO_MEASUREMENT_LABEL,
      commentText(row),
      m?.source ?? null,
    ]);
    const status = added.getCell(8);
    if (m) {
      const colours = STATUS_COLOURS[m.status];
      status.fill = { type: "pattern", pattern: "solid", fgColor: { argb: colours.fill } };
      status.font = { color: { argb: colours.font } } satisfies Partial<Font>;
    } else {
      status.font = { italic: true, color: { argb: "FF767676" } };
    }
  }
  sheet.autoFilter = {
    from: { row: HEADER_ROW, column: 1 },
    to: { row: HEADER_ROW, column: MEASUREMENT_COLUMNS.length },
  };
  return neutraliseWorkbook(workbook);
}
