/**
 * The yearly progress report (statusrapport) of a plan as an Excel workbook, for those who go on
 * working with the figures: an overview, one row per success criterion (baseline, target and
 * result as real numbers in their own columns), budget against spend per agreement and funding
 * source (whole kroner as numbers with a "kr." format) and the activities' status notes. Pure:
 * takes the report's view (the same object as the page and the Word document) and returns an
 * exceljs Workbook. Shares the sheet layout of the measurements and spending workbooks.
 */
import type ExcelJS from "exceljs";
import type { Worksheet } from "exceljs";
import type { MeasureView } from "../app/domain/agreement-view";
import { formatDate, formatDateTime, formatNumber, formatPeriod } from "../app/domain/format";
import { measurementStatusLabels, valueOverrideLine } from "../app/domain/measurement";
import {
  hasLogCounts,
  reportStatusLabels,
  reportStatusText,
  type ProgressReportView,
} from "../app/domain/progress-report";
import { STATUS_COUNT_KEYS } from "../app/domain/reporting";
import { lacksYearBudget, NO_YEARLY_SPLIT, type SpendingLine } from "../app/domain/spending";
import {
  addTableSheet,
  createWorkbook,
  HEADER_ROW,
  KRONER_FORMAT,
  PERCENT_FORMAT,
  STATUS_COLOURS,
  type XlsxColumn,
} from "./measurements-xlsx";
import { neutraliseWorkbook } from "./xlsx-cells";
import { addReportMilestoneSheet } from "./milestones-xlsx";

export const REPORT_SHEETS = {
  overview: "Overblik",
  criteria: "Succeskriterier",
  economy: "Økonomi",
  activities: "Aktiviteter",
  log: "Aktivitetslog",
} as const;

/** A year as a plain number: no thousands separator. */
const YEAR_FORMAT = "0";

export const OVERVIEW_COLUMNS = [
  { header: "Emne", width: 38 },
  { header: "Værdi", width: 50, wrap: true },
] as const satisfies readonly XlsxColumn[];

export const CRITERIA_COLUMNS = [
  { header: "Indsatsområde", width: 26, wrap: true },
  { header: "Aktivitet", width: 26, wrap: true },
  { header: "Succeskriterium", width: 44, wrap: true },
  { header: "Datakilde", width: 28, wrap: true },
  { header: "Udgangspunkt", width: 13, wrap: true },
  { header: "Udgangspunkt, enhed", width: 13 },
  { header: "Udgangspunkt, år", width: 11, numFmt: YEAR_FORMAT },
  { header: "Mål", width: 10, wrap: true },
  { header: "Mål, enhed", width: 13 },
  { header: "Mål, år", width: 9, numFmt: YEAR_FORMAT },
  { header: "Resultat", width: 16, wrap: true },
  { header: "Enhed", width: 12 },
  { header: "Status", width: 17 },
  { header: "Foreslået status", width: 17 },
  { header: "Begrundelse", width: 36, wrap: true },
  { header: "Kommentar", width: 44, wrap: true },
  { header: "Kilde", width: 28, wrap: true },
  { header: "Værdi fra aktivitetsloggen", width: 14 },
  { header: "Begrundelse for anden værdi", width: 36, wrap: true },
] as const satisfies readonly XlsxColumn[];

/** The status column of the criteria sheet (1-based), which gets the status colour. */
const STATUS_COLUMN = 13;

export const ECONOMY_COLUMNS = [
  { header: "Indsatsområde", width: 30, wrap: true },
  { header: "Finansieringskilde", width: 34, wrap: true },
  { header: "Type", width: 8 },
  { header: "Budget", width: 16, numFmt: KRONER_FORMAT },
  { header: "Forbrug", width: 16, numFmt: KRONER_FORMAT },
  { header: "Forskel", width: 16, numFmt: KRONER_FORMAT },
  { header: "Forbrugt af budget", width: 12, numFmt: PERCENT_FORMAT },
] as const satisfies readonly XlsxColumn[];

export const ACTIVITY_COLUMNS = [
  { header: "Indsatsområde", width: 30, wrap: true },
  { header: "Aktivitet", width: 40, wrap: true },
  { header: "Statusnote", width: 90, wrap: true },
] as const satisfies readonly XlsxColumn[];

/** One row per count, so a pivot table can sum them: events per kind, participants per group. */
export const LOG_COLUMNS = [
  { header: "Indsatsområde", width: 30, wrap: true },
  { header: "Aktivitet", width: 40, wrap: true },
  { header: "Opgørelse", width: 12 },
  { header: "Type eller gruppe", width: 26, wrap: true },
  { header: "Antal", width: 10, numFmt: "#,##0" },
] as const satisfies readonly XlsxColumn[];

export const LOG_MEASURES = { events: "Hændelser", participants: "Deltagere" } as const;

export const FUNDER_TYPES = { lbf: "LBF", local: "Lokal" } as const;
export const TOTAL_LABEL = "I alt";

/** "Statusrapport 2025 · Helhedsplan Strandengen · Succeskriterier" */
function title(view: ProgressReportView, part?: string): string {
  return [view.title, view.plan.name, part].filter(Boolean).join(" · ");
}

/** The autofilter over the header and the rows below it (up to `lastRow`). */
function filter(sheet: Worksheet, columns: number, lastRow: number): void {
  sheet.autoFilter = {
    from: { row: HEADER_ROW, column: 1 },
    to: { row: Math.max(HEADER_ROW, lastRow), column: columns },
  };
}

function overviewSheet(workbook: ExcelJS.Workbook, view: ProgressReportView): void {
  const sheet = addTableSheet(workbook, REPORT_SHEETS.overview, title(view), OVERVIEW_COLUMNS);
  const fact = (label: string, value: string | number | null, numFmt?: string) => {
    const row = sheet.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    if (numFmt) row.getCell(2).numFmt = numFmt;
    // Numbers sit to the right in Excel; keep the facts in one line.
    row.getCell(2).alignment = { horizontal: "left", wrapText: true, vertical: "top" };
    return row;
  };
  const group = (label: string) => {
    sheet.addRow([]);
    sheet.addRow([label]).getCell(1).font = { bold: true, size: 12 };
  };

  fact("Helhedsplan", view.plan.name);
  fact("Periode", formatPeriod(view.plan.periodStart, view.plan.periodEnd));
  fact("Rapportår", view.year, YEAR_FORMAT);
  fact("Status", reportStatusLabels[view.status]);
  fact("Frist", formatDate(view.due));
  if (view.finalised) {
    const by = view.finalised.by ? ` af ${view.finalised.by}` : "";
    fact("Gjort endelig", `${formatDateTime(view.finalised.at)}${by}`);
  } else if (view.reopened) {
    const by = view.reopened.by ? ` af ${view.reopened.by}` : "";
    fact("Genåbnet", `${formatDateTime(view.reopened.at)}${by}: ${view.reopened.reason}`);
  }

  group("Succeskriterier efter status");
  for (const key of STATUS_COUNT_KEYS) {
    fact(key === "none" ? reportStatusText(null) : measurementStatusLabels[key], view.counts[key]);
  }
  const total = STATUS_COUNT_KEYS.reduce((sum, key) => sum + view.counts[key], 0);
  fact(TOTAL_LABEL, total);

  const { budget, spent, lbfSpent, lbfShareOfSpend } = view.spending;
  group(`Budget og forbrug ${view.year}`);
  fact("Budget", budget, KRONER_FORMAT);
  fact("Forbrug", spent, KRONER_FORMAT);
  fact("Forskel", budget - spent, KRONER_FORMAT);
  fact("Heraf forbrug af Landsbyggefondens midler", lbfSpent, KRONER_FORMAT);
  // No spend, no share: the cell stays empty rather than showing a made-up 0 %.
  fact("Landsbyggefondens andel af forbruget", lbfShareOfSpend, PERCENT_FORMAT);
}

/**
 * A baseline or target cell: the number, so it can be summed and charted; a measure written as
 * text ("53 %, 66 % og 68 %") stays text, with the number before it when there is one too.
 */
function measureCell(m: MeasureView | null): number | string | null {
  if (!m) return null;
  if (!m.note) return m.value;
  return m.value != null ? `${formatNumber(m.value)} – ${m.note}` : m.note;
}

function criteriaSheet(workbook: ExcelJS.Workbook, view: ProgressReportView): void {
  const sheet = addTableSheet(
    workbook,
    REPORT_SHEETS.criteria,
    title(view, REPORT_SHEETS.criteria),
    CRITERIA_COLUMNS,
  );
  for (const agreement of view.agreements) {
    for (const c of agreement.criteria) {
      const m = c.measurement;
      const row = sheet.addRow([
        agreement.focusArea,
        c.activityName,
        c.text,
        c.dataSource || null,
        measureCell(c.baseline),
        c.baseline?.unit ?? null,
        c.baseline?.year ?? null,
        measureCell(c.target),
        c.target?.unit ?? null,
        c.target?.year ?? null,
        // A number stays a number, so it can be summed and charted; a text result stays text.
        m ? (m.valueNumber ?? m.valueText ?? null) : null,
        m?.unit ?? null,
        reportStatusText(c.status),
        c.suggestion ? measurementStatusLabels[c.suggestion] : null,
        m?.overrideReason ?? null,
        m?.comment ?? null,
        m?.source ?? null,
        // The log's figure stays a number; the reason only when the value entered differs.
        m?.logValue ?? null,
        m && valueOverrideLine(m) ? (m.valueOverrideReason ?? null) : null,
      ]);
      const status = row.getCell(STATUS_COLUMN);
      if (c.status) {
        const colours = STATUS_COLOURS[c.status];
        status.fill = { type: "pattern", pattern: "solid", fgColor: { argb: colours.fill } };
        status.font = { color: { argb: colours.font } };
      } else {
        status.font = { italic: true, color: { argb: "FF767676" } };
      }
    }
  }
  filter(sheet, CRITERIA_COLUMNS.length, sheet.rowCount);
}

function economySheet(workbook: ExcelJS.Workbook, view: ProgressReportView): void {
  const sheet = addTableSheet(
    workbook,
    REPORT_SHEETS.economy,
    title(view, REPORT_SHEETS.economy),
    ECONOMY_COLUMNS,
  );
  const line = (focusArea: string, l: SpendingLine, type: string) =>
    sheet.addRow([
      focusArea,
      l.label,
      type,
      // A source with only a period total has no budget for the year: a text, not a false 0.
      lacksYearBudget(l) ? NO_YEARLY_SPLIT : l.budget,
      l.spent,
      lacksYearBudget(l) ? null : l.difference,
      l.spentShare,
    ]);
  for (const agreement of view.agreements) {
    for (const l of agreement.spending.lbf) line(agreement.focusArea, l, FUNDER_TYPES.lbf);
    for (const l of agreement.spending.local) line(agreement.focusArea, l, FUNDER_TYPES.local);
  }
  // The filter covers the sources only; the plan's total sits below it, after an empty row.
  filter(sheet, ECONOMY_COLUMNS.length, sheet.rowCount);

  const { budget, spent } = view.spending;
  sheet.addRow([]);
  const total = sheet.addRow([
    TOTAL_LABEL,
    null,
    null,
    budget,
    spent,
    budget - spent,
    budget > 0 ? spent / budget : null,
  ]);
  total.font = { bold: true };
  ECONOMY_COLUMNS.forEach((_, index) => {
    total.getCell(index + 1).border = { top: { style: "thin" }, bottom: { style: "double" } };
  });
  sheet.addRow([]);
  sheet.addRow([
    "Forskel er budget minus forbrug; et negativt tal betyder, at der er brugt mere end budgetteret.",
  ]).font = { italic: true };
}

function activitiesSheet(workbook: ExcelJS.Workbook, view: ProgressReportView): void {
  const sheet = addTableSheet(
    workbook,
    REPORT_SHEETS.activities,
    title(view, REPORT_SHEETS.activities),
    ACTIVITY_COLUMNS,
  );
  for (const agreement of view.agreements) {
    for (const a of agreement.activities) sheet.addRow([agreement.focusArea, a.name, a.note]);
  }
  filter(sheet, ACTIVITY_COLUMNS.length, sheet.rowCount);
}

/** The year's activity log per activity; only when something was logged (old snapshots: never). */
function logSheet(workbook: ExcelJS.Workbook, view: ProgressReportView): void {
  if (!hasLogCounts(view.agreements)) return;
  const sheet = addTableSheet(
    workbook,
    REPORT_SHEETS.log,
    title(view, REPORT_SHEETS.log),
    LOG_COLUMNS,
  );
  for (const agreement of view.agreements) {
    for (const a of agreement.activities) {
      if (!a.log) continue;
      for (const k of a.log.byKind) {
        sheet.addRow([agreement.focusArea, a.name, LOG_MEASURES.events, k.kind, k.count]);
      }
      for (const g of a.log.byGroup) {
        sheet.addRow([agreement.focusArea, a.name, LOG_MEASURES.participants, g.group, g.count]);
      }
    }
  }
  filter(sheet, LOG_COLUMNS.length, sheet.rowCount);
}

export function buildProgressReportWorkbook(view: ProgressReportView): ExcelJS.Workbook {
  const workbook = createWorkbook();
  workbook.title = title(view);
  overviewSheet(workbook, view);
  criteriaSheet(workbook, view);
  economySheet(workbook, view);
  activitiesSheet(workbook, view);
  logSheet(workbook, view);
  if (view.milestones) addReportMilestoneSheet(workbook, view.milestones);
  return neutraliseWorkbook(workbook);
}
