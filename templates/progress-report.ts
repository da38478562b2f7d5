/**
 * The yearly progress report (statusrapport) of a plan as a Word document: the facts, the
 * summary, an overview of the criteria by status and of the year's budget and spend, then per
 * agreement its criteria (target against result, with the status as text on a coloured cell), the
 * activities' status notes and budget against spend per funding source, and finally what worked
 * and what changes next year. Pure: takes the report's view (the same object the report page shows
 * and a final report stores) and returns a docx Document.
 */
import type { Document, FileChild, Paragraph, Table } from "docx";
import {
  formatAmount,
  formatDate,
  formatDateTime,
  formatInteger,
  formatPercent,
  formatPeriod,
} from "../app/domain/format";
import {
  measurementStatusLabels,
  sourceLine,
  valueOverrideLine,
  type MeasurementStatus,
} from "../app/domain/measurement";
import {
  logGroupLines,
  logKindLines,
  reportStatusLabels,
  reportStatusText,
  type ProgressReportView,
  type ReportAgreementView,
  type ReportCounts,
  type ReportCriterionView,
} from "../app/domain/progress-report";
import { STATUS_COUNT_KEYS } from "../app/domain/reporting";
import type { RichText } from "../app/domain/rich-text";
import {
  lacksYearBudget,
  periodOnlyNote,
  yearBudgetText,
  type SpendingFigures,
} from "../app/domain/spending";
import type { RenderedChart } from "../app/domain/charts";
import { chartBlocks } from "./charts";
import { reportMilestoneBlocks } from "./milestones";
import { createDocument } from "./parts/document";
import { LBF_LABEL, LOCAL_LABEL } from "./parts/financing";
import { heading } from "./parts/headings";
import { pageSection } from "./parts/page";
import { gridTable, TABLE_TEXT_STYLE, type Cell } from "./parts/tables";
import { boldParagraph, paragraph, richTextParagraphs } from "./parts/text";

export const REPORT_HEADINGS = {
  summary: "Resumé",
  overview: "Overblik",
  countsTable: "Succeskriterier efter status",
  criteria: "Succeskriterier",
  activities: "Aktiviteternes status",
  log: "Aktivitetsloggen",
  whatWorked: "Det fungerede godt",
  nextYear: "Ændringer til næste år",
  charts: "Diagrammer",
} as const;

const H = REPORT_HEADINGS;

export const EMPTY_SECTION = "Ikke udfyldt";
export const NO_NOTE = "Ingen statusnote";
export const NO_RESULT = "–";
export const TOTAL_LABEL = "I alt";

export function agreementHeading(focusArea: string): string {
  return `Indsatsområde: ${focusArea}`;
}

export function budgetHeading(year: number): string {
  return `Budget og forbrug ${year}`;
}

/**
 * Fills of the status cells: Excel's own good / neutral / bad colours (as in the measurements
 * workbook), grey for "not measured" and a lighter grey for "nothing entered". The status text is
 * always in the cell as well, so the colour is never the only thing that tells.
 */
export const STATUS_FILLS: Record<MeasurementStatus | "none", string> = {
  met: "C6EFCE",
  partly_met: "FFEB9C",
  not_met: "FFC7CE",
  not_measured: "E7E6E6",
  none: "F2F2F2",
};

/** 9 pt in the wide tables, so six columns fit the page. */
const SMALL_TEXT = 18;

function cellText(text: string, options: { italic?: boolean; bold?: boolean } = {}): Paragraph {
  return paragraph(text, { style: TABLE_TEXT_STYLE, size: SMALL_TEXT, ...options });
}

function share(value: number | null): string {
  return value === null ? NO_RESULT : formatPercent(value);
}

/** A narrative section: its rich text, or a short italic note that nobody has written it. */
function narrativeSection(title: string, text: RichText | null): FileChild[] {
  const body = richTextParagraphs(text);
  return [
    heading(title, 2),
    ...(body.length ? body : [paragraph(EMPTY_SECTION, { italic: true })]),
  ];
}

function factTable(view: ProgressReportView): Table {
  const facts: [string, string][] = [
    ["Helhedsplan", view.plan.name],
    ["Periode", formatPeriod(view.plan.periodStart, view.plan.periodEnd)],
    ["Rapportår", String(view.year)],
    ["Status", reportStatusLabels[view.status]],
    ["Frist", formatDate(view.due)],
  ];
  if (view.finalised) {
    const by = view.finalised.by ? ` af ${view.finalised.by}` : "";
    facts.push(["Gjort endelig", `${formatDateTime(view.finalised.at)}${by}`]);
  } else if (view.reopened) {
    const by = view.reopened.by ? ` af ${view.reopened.by}` : "";
    facts.push(["Genåbnet", `${formatDateTime(view.reopened.at)}${by}: ${view.reopened.reason}`]);
  }
  return gridTable({
    rows: facts.map(([label, value]) => [{ content: label, bold: true }, value]),
    widths: [0.3, 0.7],
    cantSplitRows: true,
  });
}

function countLabel(key: (typeof STATUS_COUNT_KEYS)[number]): string {
  return key === "none" ? reportStatusText(null) : measurementStatusLabels[key];
}

function countsTable(counts: ReportCounts): Table {
  const total = STATUS_COUNT_KEYS.reduce((sum, key) => sum + counts[key], 0);
  const right = (content: string): Cell => ({ content, alignment: "right" });
  return gridTable({
    header: [...STATUS_COUNT_KEYS.map((key) => right(countLabel(key))), right(TOTAL_LABEL)],
    rows: [[...STATUS_COUNT_KEYS.map((key) => right(String(counts[key]))), right(String(total))]],
    widths: [0.17, 0.19, 0.16, 0.14, 0.2, 0.14],
    textSize: SMALL_TEXT,
    cantSplitRows: true,
  });
}

function planSpendingTable(view: ProgressReportView): Table {
  const { budget, periodOnly, spent, lbfShareOfSpend } = view.spending;
  const noBudget = lacksYearBudget({ budget, periodOnly });
  const right = (content: string): Cell => ({ content, alignment: "right" });
  return gridTable({
    header: [
      right("Budget"),
      right("Forbrug"),
      right("Forskel"),
      right("Landsbyggefondens andel af forbruget"),
    ],
    rows: [
      [
        right(yearBudgetText({ budget, periodOnly })),
        right(formatAmount(spent)),
        right(noBudget ? "–" : formatAmount(budget - spent)),
        right(share(lbfShareOfSpend)),
      ],
    ],
    widths: [0.24, 0.24, 0.24, 0.28],
    cantSplitRows: true,
  });
}

function overviewSection(view: ProgressReportView): FileChild[] {
  return [
    heading(H.overview, 2),
    heading(H.countsTable, 3),
    countsTable(view.counts),
    heading(budgetHeading(view.year), 3),
    planSpendingTable(view),
    ...(periodOnlyNote(view.spending)
      ? [paragraph(periodOnlyNote(view.spending)!, { italic: true })]
      : []),
    paragraph(
      "Forskel er budget minus forbrug; et negativt tal betyder, at der er brugt mere end budgetteret.",
      { italic: true },
    ),
  ];
}

// --- per agreement ----------------------------------------------------------------------------

function criterionCell(c: ReportCriterionView): Paragraph[] {
  return [
    cellText(c.text),
    ...(c.activityName ? [cellText(`Aktivitet: ${c.activityName}`, { italic: true })] : []),
  ];
}

/** The status in words on its colour, with the suggestion and the reason when it was overridden. */
function statusCell(c: ReportCriterionView): Cell {
  const reason = c.measurement?.overrideReason;
  const suggested = c.suggestion ? `Foreslået: ${measurementStatusLabels[c.suggestion]}. ` : "";
  return {
    content: [
      cellText(reportStatusText(c.status), { bold: true }),
      ...(reason ? [cellText(`${suggested}Begrundelse: ${reason}`, { italic: true })] : []),
    ],
    fill: STATUS_FILLS[c.status ?? "none"],
  };
}

function commentCell(c: ReportCriterionView): Paragraph[] {
  const m = c.measurement;
  return [
    cellText(m?.comment ?? ""),
    ...(m?.source ? [cellText(sourceLine(m.source), { italic: true })] : []),
    ...(m && valueOverrideLine(m) ? [cellText(valueOverrideLine(m)!, { italic: true })] : []),
  ];
}

export const CRITERIA_COLUMNS = [
  "Succeskriterium",
  "Udgangspunkt",
  "Mål",
  "Resultat",
  "Status",
  "Kommentar og kilde",
] as const;

function criteriaTable(criteria: ReportCriterionView[]): Table {
  return gridTable({
    header: [...CRITERIA_COLUMNS],
    rows: criteria.map((c): Cell[] => [
      criterionCell(c),
      [cellText(c.baseline?.text ?? "")],
      [cellText(c.target?.text ?? "")],
      [cellText(c.actualText ?? NO_RESULT)],
      statusCell(c),
      commentCell(c),
    ]),
    widths: [0.25, 0.15, 0.12, 0.13, 0.15, 0.2],
    textSize: SMALL_TEXT,
  });
}

function activityNotes(agreement: ReportAgreementView): FileChild[] {
  if (!agreement.activities.length) {
    return [paragraph("Delaftalen har ingen aktiviteter.", { italic: true })];
  }
  return agreement.activities.flatMap((a) => [
    boldParagraph(a.name, { keepNext: true }),
    a.note ? paragraph(a.note) : paragraph(NO_NOTE, { italic: true }),
  ]);
}

/** "Aktivitetsloggen 2025" */
export function logHeading(year: number): string {
  return `${H.log} ${year}`;
}

export const LOG_COLUMNS = ["Aktivitet", "Hændelser", "Deltagere"] as const;

/** The year's counts from the activity log, per activity that logged anything; none: nothing. */
function logCounts(view: ProgressReportView, agreement: ReportAgreementView): FileChild[] {
  const logged = agreement.activities.flatMap((a) => (a.log ? [{ name: a.name, log: a.log }] : []));
  if (!logged.length) return [];
  const lines = (items: string[], total: string | null): Paragraph[] => [
    ...items.map((item) => cellText(item)),
    ...(total ? [cellText(total, { bold: true })] : []),
    ...(items.length || total ? [] : [cellText(NO_RESULT)]),
  ];
  return [
    heading(logHeading(view.year), 3),
    gridTable({
      header: [...LOG_COLUMNS],
      rows: logged.map(({ name, log }): Cell[] => [
        [cellText(name)],
        lines(logKindLines(log), `${TOTAL_LABEL}: ${formatInteger(log.eventCount)}`),
        lines(
          logGroupLines(log),
          log.byGroup.length ? `${TOTAL_LABEL}: ${formatInteger(log.participantCount)}` : null,
        ),
      ]),
      widths: [0.4, 0.3, 0.3],
      textSize: SMALL_TEXT,
      cantSplitRows: true,
    }),
  ];
}

type LineStyle = "group" | "source" | "total";

const SOURCE_INDENT = 284;

function spendingRow(label: string, f: SpendingFigures, style: LineStyle): Cell[] {
  const bold = style !== "source";
  const amount = (value: number): Cell => ({
    content: formatAmount(value),
    bold,
    alignment: "right",
  });
  // A source with only a period total has no budget for the year: say so, never a false 0.
  const noBudget = lacksYearBudget(f);
  return [
    { content: label, bold, indent: style === "source" ? SOURCE_INDENT : undefined },
    { content: yearBudgetText(f), bold, alignment: "right" },
    amount(f.spent),
    noBudget ? { content: "–", bold, alignment: "right" } : amount(f.difference),
    { content: share(f.spentShare), bold, alignment: "right" },
  ];
}

/** Budget against spend per funding source, in the order of the agreement's financing table. */
function spendingTable(agreement: ReportAgreementView): FileChild[] {
  const { lbf, local, lbfTotal, localTotal, total, lbfShareOfSpend } = agreement.spending;
  // A single source called Landsbyggefonden is its own total (as in the financing table).
  const onlyLbf = lbf.length === 1 && lbf[0]?.label === LBF_LABEL;
  const right = (content: string): Cell => ({ content, alignment: "right" });
  const table = gridTable({
    header: [
      "Finansieringskilde",
      right("Budget"),
      right("Forbrug"),
      right("Forskel"),
      right("Forbrugt af budget"),
    ],
    rows: [
      spendingRow(LBF_LABEL, lbfTotal, "group"),
      ...(onlyLbf ? [] : lbf.map((l) => spendingRow(l.label, l, "source"))),
      spendingRow(LOCAL_LABEL, localTotal, "group"),
      ...local.map((l) => spendingRow(l.label, l, "source")),
      spendingRow(TOTAL_LABEL, total, "total"),
    ],
    widths: [0.32, 0.18, 0.18, 0.17, 0.15],
    textSize: SMALL_TEXT,
    cantSplitRows: true,
  });
  const note = periodOnlyNote(total);
  return [
    table,
    paragraph(`Landsbyggefondens andel af forbruget: ${share(lbfShareOfSpend)}`),
    ...(note ? [paragraph(note, { italic: true })] : []),
  ];
}

function agreementSection(view: ProgressReportView, agreement: ReportAgreementView): FileChild[] {
  return [
    heading(agreementHeading(agreement.focusArea), 2),
    heading(H.criteria, 3),
    ...(agreement.criteria.length
      ? [criteriaTable(agreement.criteria)]
      : [paragraph("Delaftalen har ingen succeskriterier.", { italic: true })]),
    heading(H.activities, 3),
    ...activityNotes(agreement),
    ...logCounts(view, agreement),
    heading(budgetHeading(view.year), 3),
    ...spendingTable(agreement),
  ];
}

// --- the document -----------------------------------------------------------------------------

/** "Plan · Statusrapport 2025 · Udkast" */
export function progressReportHeaderParts(view: ProgressReportView): string[] {
  return [view.plan.name, view.title, reportStatusLabels[view.status]];
}

/** What the document shows besides its view: the charts drawn from it (none: left out). */
export interface ProgressReportExtras {
  charts?: RenderedChart[];
}

export function buildProgressReportSections(
  view: ProgressReportView,
  extras: ProgressReportExtras = {},
): FileChild[] {
  return [
    heading(view.title, 1),
    boldParagraph(view.plan.name, { size: 26 }),
    factTable(view),
    ...narrativeSection(H.summary, view.summary),
    ...overviewSection(view),
    ...(extras.charts?.length ? chartBlocks(extras.charts, H.charts, 3) : []),
    ...(view.agreements.length
      ? view.agreements.flatMap((a) => agreementSection(view, a))
      : [paragraph(`Ingen delaftaler var gældende i ${view.year}.`, { italic: true })]),
    ...(view.milestones ? reportMilestoneBlocks(view.milestones) : []),
    ...narrativeSection(H.whatWorked, view.whatWorked),
    ...narrativeSection(H.nextYear, view.nextYear),
  ];
}

export function buildProgressReportDocument(
  view: ProgressReportView,
  extras: ProgressReportExtras = {},
): Document {
  return createDocument({
    title: `${view.title}: ${view.plan.name}`,
    description: `${view.title} for ${view.plan.name}, ${reportStatusLabels[view.status].toLocaleLowerCase("da")}`,
    sections: [
      pageSection(progressReportHeaderParts(view), buildProgressReportSections(view, extras)),
    ],
  });
}
