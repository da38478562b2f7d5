/**
 * The activity log of a year (all the plan's activities, or one) as an Excel workbook, for those
 * who count and chart it: one row per event (dates as real dates, participants per group as
 * numbers in their own columns), one row per action found (responsible, due date, status), and
 * the counts per activity (events by kind, participants by group) as rows a pivot table can sum.
 * Pure: takes the year log's view and returns an exceljs Workbook.
 */
import type ExcelJS from "exceljs";
import type { Worksheet } from "exceljs";
import { countYearLog, type YearLogView } from "../app/domain/activity-log-documents";
import { addTableSheet, createWorkbook, HEADER_ROW, type XlsxColumn } from "./measurements-xlsx";
import { neutraliseWorkbook } from "./xlsx-cells";

export const YEAR_LOG_SHEETS = {
  events: "Hændelser",
  actions: "Opgaver",
  counts: "Opgørelse",
} as const;

/** Danish dates; Excel keeps them real dates, to sort and filter by. */
export const DATE_FORMAT = "dd-mm-yyyy";
const COUNT_FORMAT = "#,##0";

const column = (header: string, width: number, extra: Partial<XlsxColumn> = {}): XlsxColumn => ({
  header,
  width,
  ...extra,
});

/** The events sheet's columns: the fixed ones, a column per participant group, then the rest. */
export function eventColumns(groups: readonly string[]): XlsxColumn[] {
  return [
    column("Dato", 12, { numFmt: DATE_FORMAT }),
    column("Indsatsområde", 26, { wrap: true }),
    column("Aktivitet", 30, { wrap: true }),
    column("Type", 18),
    column("Sted", 24, { wrap: true }),
    ...groups.map((g) => column(g, 12, { numFmt: COUNT_FORMAT })),
    column("Deltagere i alt", 12, { numFmt: COUNT_FORMAT }),
    column("Fund", 8, { numFmt: COUNT_FORMAT }),
    column("Opgaver", 9, { numFmt: COUNT_FORMAT }),
    column("Åbne opgaver", 10, { numFmt: COUNT_FORMAT }),
    column("Opfølgningsmøde", 14),
    column("Note", 60, { wrap: true }),
  ];
}

export const FOLLOW_UP_MARK = "Ja";

export const ACTION_COLUMNS = [
  column("Dato", 12, { numFmt: DATE_FORMAT }),
  column("Aktivitet", 30, { wrap: true }),
  column("Type", 18),
  column("Fund", 40, { wrap: true }),
  column("Fundets sted", 22, { wrap: true }),
  column("Ansvarlig", 26, { wrap: true }),
  column("Opgave", 44, { wrap: true }),
  column("Frist", 12, { numFmt: DATE_FORMAT }),
  column("Status", 12),
  column("Begrundelse", 36, { wrap: true }),
] as const;

export const COUNT_COLUMNS = [
  column("Indsatsområde", 30, { wrap: true }),
  column("Aktivitet", 40, { wrap: true }),
  column("Opgørelse", 12),
  column("Type eller gruppe", 26, { wrap: true }),
  column("Antal", 10, { numFmt: COUNT_FORMAT }),
] as const;

export const COUNT_MEASURES = { events: "Hændelser", participants: "Deltagere" } as const;

/** A yyyy-MM-dd date as an Excel date (midnight UTC: the day itself, whatever the time zone). */
function excelDate(value: string | null): Date | null {
  return value ? new Date(`${value}T00:00:00.000Z`) : null;
}

/** "Aktivitetslog 2026 · Helhedsplan Strandengen · Tryghedsvandringer" */
export function yearLogTitle(view: YearLogView, part?: string): string {
  return [`Aktivitetslog ${view.year}`, view.planName, view.activity, part]
    .filter(Boolean)
    .join(" · ");
}

function filter(sheet: Worksheet, columns: number): void {
  sheet.autoFilter = {
    from: { row: HEADER_ROW, column: 1 },
    to: { row: Math.max(HEADER_ROW, sheet.rowCount), column: columns },
  };
}

function eventsSheet(workbook: ExcelJS.Workbook, view: YearLogView): void {
  const columns = eventColumns(view.groups);
  const sheet = addTableSheet(
    workbook,
    YEAR_LOG_SHEETS.events,
    yearLogTitle(view, YEAR_LOG_SHEETS.events),
    columns,
  );
  for (const e of view.events) {
    sheet.addRow([
      excelDate(e.date),
      e.focusArea,
      e.activity,
      e.kind,
      e.place,
      // An empty cell for a group nobody came from: a count of none, not a missing figure.
      ...view.groups.map((g) => e.participants[g] ?? null),
      Object.values(e.participants).reduce((sum, n) => sum + n, 0),
      e.findingCount,
      e.actionCount,
      e.openActionCount,
      e.isFollowUp ? FOLLOW_UP_MARK : null,
      e.note,
    ]);
  }
  filter(sheet, columns.length);
}

function actionsSheet(workbook: ExcelJS.Workbook, view: YearLogView): void {
  const sheet = addTableSheet(
    workbook,
    YEAR_LOG_SHEETS.actions,
    yearLogTitle(view, YEAR_LOG_SHEETS.actions),
    ACTION_COLUMNS,
  );
  const events = new Map(view.events.map((e) => [e.id, e]));
  for (const a of view.actions) {
    const e = events.get(a.eventId);
    sheet.addRow([
      excelDate(e?.date ?? null),
      e?.activity ?? null,
      e?.kind ?? null,
      a.finding,
      a.findingPlace,
      a.responsible,
      a.description,
      excelDate(a.dueDate),
      a.status,
      a.dropReason,
    ]);
  }
  filter(sheet, ACTION_COLUMNS.length);
}

function countsSheet(workbook: ExcelJS.Workbook, view: YearLogView): void {
  const sheet = addTableSheet(
    workbook,
    YEAR_LOG_SHEETS.counts,
    yearLogTitle(view, YEAR_LOG_SHEETS.counts),
    COUNT_COLUMNS,
  );
  for (const c of countYearLog(view)) {
    sheet.addRow([c.focusArea, c.activity, COUNT_MEASURES[c.measure], c.name, c.count]);
  }
  filter(sheet, COUNT_COLUMNS.length);
}

export function buildYearLogWorkbook(view: YearLogView): ExcelJS.Workbook {
  const workbook = createWorkbook();
  workbook.title = yearLogTitle(view);
  eventsSheet(workbook, view);
  actionsSheet(workbook, view);
  countsSheet(workbook, view);
  return neutraliseWorkbook(workbook);
}
