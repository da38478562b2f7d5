/**
 * The administrators' roll-up of success-criterion statuses in a year as an Excel workbook: one
 * sheet per focus area (with its funding round in a column, so the rows can be filtered), one per
 * plan, each with a totals row. Counts are real whole numbers and the share met a real fraction
 * shown as a percentage, so they can be summed and charted. Pure: takes the roll-up (a plain
 * object) and returns an exceljs Workbook.
 */
import type ExcelJS from "exceljs";
import type { Row, Worksheet } from "exceljs";
import {
  ROLLUP_STATUS_KEYS,
  rollupStatusLabels,
  type FocusAreaRollup,
  type RollupCounts,
  type RollupShare,
} from "../app/domain/rollup";
import {
  addTableSheet,
  createWorkbook,
  HEADER_ROW,
  PERCENT_FORMAT,
  type XlsxColumn,
} from "./measurements-xlsx";
import { neutraliseWorkbook } from "./xlsx-cells";

const COUNT_FORMAT = "#,##0";

const countColumns: XlsxColumn[] = [
  { header: "Succeskriterier", width: 15, numFmt: COUNT_FORMAT },
  ...ROLLUP_STATUS_KEYS.map((key) => ({
    header: rollupStatusLabels[key],
    width: 13,
    numFmt: COUNT_FORMAT,
  })),
  { header: "Andel opfyldt", width: 12, numFmt: PERCENT_FORMAT },
];

export const FOCUS_AREA_COLUMNS: readonly XlsxColumn[] = [
  { header: "Pulje", width: 20 },
  { header: "Indsatsområde", width: 36, wrap: true },
  { header: "Helhedsplaner", width: 14, numFmt: COUNT_FORMAT },
  ...countColumns,
];

export const PLAN_COLUMNS: readonly XlsxColumn[] = [
  { header: "Helhedsplan", width: 44, wrap: true },
  { header: "Delaftaler", width: 12, numFmt: COUNT_FORMAT },
  ...countColumns,
];

export const ROLLUP_LABELS = {
  total: "I alt",
  shareNote:
    "Andel opfyldt er de opfyldte succeskriterier af alle succeskriterier i de delaftaler, der gælder i året. Ikke registreret: ingen måling det år.",
} as const;

export function rollupSheetNames(year: number) {
  return { focusAreas: `Indsatsområder ${year}`, plans: `Helhedsplaner ${year}` };
}

/** The criteria, each status's count and the share met (an empty cell without criteria). */
function countCells(row: RollupCounts & RollupShare): (number | null)[] {
  return [row.criteria, ...ROLLUP_STATUS_KEYS.map((key) => row[key]), row.shareMet];
}

function styleTotal(row: Row, width: number): void {
  row.font = { bold: true };
  for (let c = 1; c <= width; c++) {
    row.getCell(c).border = { top: { style: "thin" }, bottom: { style: "double" } };
  }
}

/**
 * The filter covers the data rows only (an explicit range: left to itself Excel would take in
 * the totals row below and sort it among them), then the note on the share.
 */
function finishSheet(sheet: Worksheet, width: number, lastDataRow: number): void {
  sheet.autoFilter = {
    from: { row: HEADER_ROW, column: 1 },
    to: { row: Math.max(lastDataRow, HEADER_ROW), column: width },
  };
  sheet.addRow([]);
  sheet.addRow([ROLLUP_LABELS.shareNote]).font = { italic: true };
}

export function buildRollupWorkbook(rollup: FocusAreaRollup): ExcelJS.Workbook {
  const { year, rounds, plans, total } = rollup;
  const names = rollupSheetNames(year);
  const workbook = createWorkbook();

  const areas = addTableSheet(
    workbook,
    names.focusAreas,
    `Succeskriterier ${year} · alle helhedsplaner · pr. indsatsområde`,
    FOCUS_AREA_COLUMNS,
  );
  for (const round of rounds) {
    for (const area of round.focusAreas) {
      areas.addRow([round.fundingRound, area.focusArea, area.planCount, ...countCells(area)]);
    }
  }
  const lastArea = areas.rowCount;
  styleTotal(
    areas.addRow([ROLLUP_LABELS.total, null, total.planCount, ...countCells(total)]),
    FOCUS_AREA_COLUMNS.length,
  );
  finishSheet(areas, FOCUS_AREA_COLUMNS.length, lastArea);

  const byPlan = addTableSheet(
    workbook,
    names.plans,
    `Succeskriterier ${year} · pr. helhedsplan`,
    PLAN_COLUMNS,
  );
  for (const plan of plans) {
    byPlan.addRow([plan.planName, plan.agreementCount, ...countCells(plan)]);
  }
  const lastPlan = byPlan.rowCount;
  styleTotal(
    byPlan.addRow([ROLLUP_LABELS.total, total.agreementCount, ...countCells(total)]),
    PLAN_COLUMNS.length,
  );
  finishSheet(byPlan, PLAN_COLUMNS.length, lastPlan);
  return neutraliseWorkbook(workbook);
}
