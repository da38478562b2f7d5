/**
 * The milestone plan as an Excel workbook: one row per milestone of the year (or of the whole
 * period), in time order, with the due date as a real date cell (or the quarter as text), the
 * agreement, activity, responsible organisation, the status in words on a coloured fill, the date
 * it was reached and the note. Pure: takes the milestone plan's view, returns an exceljs Workbook.
 */
import type ExcelJS from "exceljs";
import {
  milestonePlanTitle,
  milestonesInScope,
  type MilestonePlanView,
  type MilestoneScope,
  type MilestoneStatus,
  type MilestoneView,
  type ReportMilestones,
} from "../app/domain/milestone";
import { addTableSheet, createWorkbook, HEADER_ROW, type XlsxColumn } from "./measurements-xlsx";
import { neutraliseWorkbook } from "./xlsx-cells";

export const DATE_FORMAT = "d. mmmm yyyy";

export const MILESTONE_XLSX_COLUMNS = [
  { header: "År", width: 8 },
  { header: "Dato", width: 18, numFmt: DATE_FORMAT },
  { header: "Kvartal", width: 10 },
  { header: "Milepæl", width: 44, wrap: true },
  { header: "Delaftale", width: 30, wrap: true },
  { header: "Aktivitet", width: 30, wrap: true },
  { header: "Ansvarlig", width: 30, wrap: true },
  { header: "Status", width: 12 },
  { header: "Nået den", width: 18, numFmt: DATE_FORMAT },
  { header: "Note", width: 48, wrap: true },
] as const satisfies readonly XlsxColumn[];

const STATUS_COLOURS: Record<MilestoneStatus, { fill: string; font: string } | null> = {
  planned: null,
  done: { fill: "FFC6EFCE", font: "FF006100" },
  postponed: { fill: "FFFFEB9C", font: "FF9C5700" },
};

/** A yyyy-MM-dd as a date cell at UTC midnight (Excel dates have no zone). */
function dateCell(iso: string | null): Date | null {
  return iso ? new Date(`${iso}T00:00:00Z`) : null;
}

export function buildMilestoneWorkbook(
  view: MilestonePlanView,
  scope: MilestoneScope,
): ExcelJS.Workbook {
  const title = milestonePlanTitle(scope);
  const workbook = createWorkbook();
  const sheet = addTableSheet(
    workbook,
    scope === "period" ? "Milepæle" : `Milepæle ${scope.year}`,
    `${title} · ${view.plan.name}`,
    MILESTONE_XLSX_COLUMNS,
  );
  for (const m of milestonesInScope(view, scope)) addMilestoneRow(sheet, m);
  sheet.autoFilter = {
    from: { row: HEADER_ROW, column: 1 },
    to: { row: HEADER_ROW, column: MILESTONE_XLSX_COLUMNS.length },
  };
  return neutraliseWorkbook(workbook);
}

function addMilestoneRow(sheet: ExcelJS.Worksheet, m: MilestoneView): void {
  const row = sheet.addRow([
    m.year,
    dateCell(m.dueDate),
    m.quarter ? `${m.quarter}. kvartal` : null,
    m.title,
    m.agreementName,
    m.activityName,
    m.responsibleName,
    m.statusLabel,
    dateCell(m.completedOn),
    m.note,
  ]);
  const colours = STATUS_COLOURS[m.status];
  if (colours) {
    const cell = row.getCell(8);
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: colours.fill } };
    cell.font = { color: { argb: colours.font } };
  }
}

/**
 * The progress report's sheet "Milepæle": the count of the year's milestones reached, the year's
 * milestones, then next year's (the caller neutralises the workbook).
 */
export function addReportMilestoneSheet(workbook: ExcelJS.Workbook, m: ReportMilestones): void {
  const sheet = addTableSheet(
    workbook,
    "Milepæle",
    `Milepæle ${m.year}: ${m.countText}`,
    MILESTONE_XLSX_COLUMNS,
  );
  for (const milestone of [...m.milestones, ...m.next]) addMilestoneRow(sheet, milestone);
}
