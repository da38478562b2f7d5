/**
 * An agreement's budget against spend for one year as an Excel workbook, in the spending page's
 * order: Landsbyggefonden (its sources under it when there are several), local co-financing with
 * each source, the total, and the LBF share of the spend. Kroner are real numbers in whole kroner
 * with a "kr." number format, shares real fractions shown as percentages. Pure: takes the
 * comparison (a plain object) and returns an exceljs Workbook.
 */
import type ExcelJS from "exceljs";
import {
  lacksYearBudget,
  NO_YEARLY_SPLIT,
  type SpendingComparison,
  type SpendingFigures,
} from "../app/domain/spending";
import {
  addTableSheet,
  createWorkbook,
  KRONER_FORMAT,
  PERCENT_FORMAT,
  sheetTitle,
  type XlsxColumn,
} from "./measurements-xlsx";
import { neutraliseWorkbook } from "./xlsx-cells";

export const SPENDING_COLUMNS = [
  { header: "Organisation", width: 36 },
  { header: "Budget", width: 16, numFmt: KRONER_FORMAT },
  { header: "Forbrug", width: 16, numFmt: KRONER_FORMAT },
  { header: "Forskel", width: 16, numFmt: KRONER_FORMAT },
  { header: "Forbrugt af budget", width: 12, numFmt: PERCENT_FORMAT },
] as const satisfies readonly XlsxColumn[];

export const SPENDING_LABELS = {
  lbf: "Landsbyggefonden",
  local: "Lokal medfinansiering",
  total: "I alt",
  lbfShare: "Landsbyggefondens andel af forbruget",
  differenceNote:
    "Forskel er budget minus forbrug; et negativt tal betyder, at der er brugt mere end budgetteret.",
} as const;

export interface SpendingWorkbookInput {
  agreement: { planName: string; focusArea: string };
  comparison: SpendingComparison;
}

type LineStyle = "group" | "source" | "total";

export function buildSpendingWorkbook(input: SpendingWorkbookInput): ExcelJS.Workbook {
  const { agreement, comparison } = input;
  const { year, lbf, local, lbfTotal, localTotal, total } = comparison;
  const workbook = createWorkbook();
  const sheet = addTableSheet(
    workbook,
    `Forbrug ${year}`,
    sheetTitle("Forbrug", year, agreement.planName, agreement.focusArea),
    SPENDING_COLUMNS,
  );

  const line = (label: string, f: SpendingFigures, style: LineStyle) => {
    // No budget, no share: the cell stays empty rather than showing a made-up 0 %.
    // A source with only a period total has no budget for the year: a text, not a false 0.
    const noBudget = lacksYearBudget(f);
    const row = sheet.addRow([
      label,
      noBudget ? NO_YEARLY_SPLIT : f.budget,
      f.spent,
      noBudget ? null : f.difference,
      f.spentShare,
    ]);
    if (style !== "source") row.font = { bold: true };
    if (style === "source") row.getCell(1).alignment = { indent: 1 };
    if (style === "total") {
      SPENDING_COLUMNS.forEach((_, index) => {
        row.getCell(index + 1).border = { top: { style: "thin" }, bottom: { style: "double" } };
      });
    }
  };

  line(SPENDING_LABELS.lbf, lbfTotal, "group");
  // One LBF source is the LBF line itself; several are listed under it (as on the page).
  if (lbf.length > 1) for (const l of lbf) line(l.label, l, "source");
  line(SPENDING_LABELS.local, localTotal, "group");
  for (const l of local) line(l.label, l, "source");
  line(SPENDING_LABELS.total, total, "total");

  sheet.addRow([]);
  const share = sheet.addRow([SPENDING_LABELS.lbfShare, comparison.lbfShareOfSpend]);
  // The share sits in the Budget column, which formats kroner: give it its own format.
  share.getCell(2).numFmt = PERCENT_FORMAT;
  share.getCell(2).alignment = { horizontal: "right" };
  sheet.addRow([SPENDING_LABELS.differenceNote]).font = { italic: true };
  return neutraliseWorkbook(workbook);
}
