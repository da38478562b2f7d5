/**
 * The dispositionsfond's two Word documents, from the application's view
 * (app/domain/fund-application-view.ts):
 *
 * - the application: title, a fact table, the description and purpose, the budget per year and
 *   the other funding with totals, the computed key figures, and in the fund administration's copy
 *   the guideline checklist (the state as text on a coloured cell) and the assessment; once
 *   decided, the decision;
 * - the decision letter from the organisation board to the estate: date, addressee, subject, the
 *   decision in words, the granted amounts per year, the conditions, the yearly report deadlines
 *   and a closing with the fund administrator's name.
 *
 * Pure: takes the view and returns a docx Document. Danish formats throughout.
 */
import type { Document, FileChild, Paragraph, Table } from "docx";
import type { ChecklistState } from "../app/domain/disposition-fund";
import { formatAmount, formatDate } from "../app/domain/format";
import {
  applicationDocumentTitle,
  BUDGET_COLUMN_LABELS,
  CLOSING_GREETING,
  decisionLetterTitle,
  FUND_APPLICATION_HEADINGS,
  NO_OTHER_FUNDING,
  NOT_FILLED_IN,
  TOTAL_LABEL,
  type ChecklistRowView,
  type DecidedFundApplicationView,
  type FundApplicationView,
  type FundDecisionView,
  type LabelValue,
} from "../app/domain/fund-application-view";
import type { RichText } from "../app/domain/rich-text";
import { createDocument } from "./parts/document";
import { heading, type HeadingDepth } from "./parts/headings";
import { pageSection } from "./parts/page";
import { gridTable, type Cell } from "./parts/tables";
import { boldParagraph, paragraph, richTextParagraphs } from "./parts/text";

export { FUND_APPLICATION_HEADINGS };

const H = FUND_APPLICATION_HEADINGS;

export const BUDGET_TABLE_HEADER = [
  BUDGET_COLUMN_LABELS.year,
  BUDGET_COLUMN_LABELS.requested,
  BUDGET_COLUMN_LABELS.own,
  BUDGET_COLUMN_LABELS.total,
];
export const FUNDING_TABLE_HEADER = ["Type", "Finansieringskilde", "Beløb i perioden"];
export const CHECKLIST_TABLE_HEADER = ["Retningslinje", "Vurdering", "Bemærkning"];
export const GRANTED_TABLE_HEADER = ["År", "Ansøgt", "Bevilget"];
export const DEADLINES_TABLE_HEADER = ["Afrapportering for", "Frist"];
/** In the page header of the fund administration's copy (it holds the internal assessment). */
export const ADMINISTRATION_COPY = "Fondsadministrationens eksemplar";

/**
 * Fills of the checklist's state cells (Excel's good / neutral / bad colours, grey for
 * information). The state is always written in the cell too; the colour never carries it alone.
 */
export const CHECKLIST_FILLS: Record<ChecklistState, string> = {
  ok: "C6EFCE",
  warn: "FFEB9C",
  fail: "FFC7CE",
  info: "F2F2F2",
};

/** An empty paragraph: space after a table, or for a signature. */
const BLANK_LINE = () => paragraph("", { keepNext: true });

const right = (content: string, bold?: boolean): Cell => ({ content, alignment: "right", bold });
const amount = (value: number, bold?: boolean): Cell => right(formatAmount(value), bold);

/** A plain text typed in a textarea: paragraphs split at blank lines, single line breaks kept. */
function plainTextParagraphs(text: string | null): Paragraph[] {
  if (!text) return [];
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => paragraph(part));
}

function richSection(title: string, text: RichText | null): FileChild[] {
  const body = richTextParagraphs(text);
  return [
    heading(title, 2),
    ...(body.length ? body : [paragraph(NOT_FILLED_IN, { italic: true })]),
  ];
}

/** Label | value without a header row: the fact table and the key figures. */
function factTable(rows: LabelValue[]): Table {
  return gridTable({
    rows: rows.map((r) => [{ content: r.label, bold: true }, r.value]),
    widths: [0.4, 0.6],
    cantSplitRows: true,
  });
}

function budgetTable(view: FundApplicationView): Table {
  return gridTable({
    header: [BUDGET_TABLE_HEADER[0]!, ...BUDGET_TABLE_HEADER.slice(1).map((label) => right(label))],
    rows: [
      ...view.budget.map((y): Cell[] => [
        String(y.year),
        amount(y.requested),
        amount(y.own),
        amount(y.total),
      ]),
      [
        { content: TOTAL_LABEL, bold: true },
        amount(view.budgetTotal.requested, true),
        amount(view.budgetTotal.own, true),
        amount(view.budgetTotal.total, true),
      ],
    ],
    widths: [0.16, 0.28, 0.28, 0.28],
    cantSplitRows: true,
  });
}

function fundingSection(view: FundApplicationView): FileChild[] {
  if (!view.funding.length) return [heading(H.funding, 2), paragraph(NO_OTHER_FUNDING)];
  return [
    heading(H.funding, 2),
    gridTable({
      header: [FUNDING_TABLE_HEADER[0]!, FUNDING_TABLE_HEADER[1]!, right(FUNDING_TABLE_HEADER[2]!)],
      rows: [
        ...view.funding.map((f): Cell[] => [f.kindLabel, f.name, amount(f.amount)]),
        [{ content: TOTAL_LABEL, bold: true }, "", amount(view.fundingTotal, true)],
      ],
      widths: [0.34, 0.4, 0.26],
      cantSplitRows: true,
    }),
  ];
}

function checklistTable(rows: ChecklistRowView[]): Table {
  return gridTable({
    header: CHECKLIST_TABLE_HEADER,
    rows: rows.map((r): Cell[] => [
      { content: r.label, bold: true },
      { content: r.stateLabel, fill: CHECKLIST_FILLS[r.state] },
      r.detail,
    ]),
    widths: [0.32, 0.18, 0.5],
    cantSplitRows: true,
  });
}

function grantedTable(decision: FundDecisionView): Table {
  return gridTable({
    header: [GRANTED_TABLE_HEADER[0]!, ...GRANTED_TABLE_HEADER.slice(1).map((l) => right(l))],
    rows: [
      ...decision.granted.map((g): Cell[] => [
        String(g.year),
        amount(g.requested),
        amount(g.granted),
      ]),
      [
        { content: TOTAL_LABEL, bold: true },
        amount(decision.requestedTotal, true),
        amount(decision.grantedTotal, true),
      ],
    ],
    widths: [0.3, 0.35, 0.35],
    cantSplitRows: true,
  });
}

function deadlinesTable(decision: FundDecisionView): Table {
  return gridTable({
    header: DEADLINES_TABLE_HEADER,
    rows: decision.reportDeadlines.map((d): Cell[] => [String(d.year), formatDate(d.due)]),
    widths: [0.4, 0.6],
    cantSplitRows: true,
  });
}

/** The conditions of an approval (the remarks of a rejection), under a heading of `depth`. */
function conditionsSection(decision: FundDecisionView, depth: HeadingDepth): FileChild[] {
  const body = plainTextParagraphs(decision.conditions);
  if (!body.length) return [];
  return [heading(decision.decision === "rejected" ? H.remarks : H.conditions, depth), ...body];
}

/** The decision as the application document records it (the letter says more). */
function decisionSection(decision: FundDecisionView): FileChild[] {
  return [
    heading(H.decision, 2),
    paragraph(decision.decisionText),
    ...(decision.granted.length ? [grantedTable(decision)] : []),
    ...conditionsSection(decision, 3),
  ];
}

function assessmentSection(view: FundApplicationView): FileChild[] {
  if (!view.assessment) return [];
  const { text, recommendation, by } = view.assessment;
  return [
    heading(H.assessment, 2),
    ...plainTextParagraphs(text),
    ...(recommendation ? [boldParagraph(`Indstilling: ${recommendation}`)] : []),
    ...(by ? [paragraph(`Vurderet af ${by}`, { italic: true })] : []),
  ];
}

export function buildFundApplicationSections(view: FundApplicationView): FileChild[] {
  return [
    heading(applicationDocumentTitle(view.fundName), 1),
    boldParagraph(view.title),
    factTable(view.facts),
    ...richSection(H.description, view.description),
    ...richSection(H.purpose, view.purpose),
    heading(H.budget, 2),
    budgetTable(view),
    ...fundingSection(view),
    heading(H.keyFigures, 2),
    factTable(view.keyFigures),
    ...(view.checklist ? [heading(H.checklist, 2), checklistTable(view.checklist)] : []),
    ...assessmentSection(view),
    ...(view.decision ? decisionSection(view.decision) : []),
  ];
}

export function fundApplicationHeaderParts(view: FundApplicationView): string[] {
  return [
    view.fundName,
    view.title,
    view.statusLabel,
    view.forFundAdministration ? ADMINISTRATION_COPY : "",
  ];
}

export function buildFundApplicationDocument(view: FundApplicationView): Document {
  return createDocument({
    title: `${applicationDocumentTitle(view.fundName)}: ${view.title}`,
    description: `Ansøgning fra ${view.estateName} til ${view.fundName}`,
    sections: [pageSection(fundApplicationHeaderParts(view), buildFundApplicationSections(view))],
  });
}

// --- the decision letter ---------------------------------------------------------------------

export function buildDecisionLetterSections(view: DecidedFundApplicationView): FileChild[] {
  const d = view.decision;
  return [
    paragraph(`${view.organisationName}, ${formatDate(d.letterDate)}`, { alignment: "right" }),
    paragraph(d.addressee.join("\n")),
    heading(decisionLetterTitle(view.fundName), 1),
    boldParagraph(d.subject),
    paragraph(d.decisionText),
    ...(d.granted.length ? [heading(H.granted, 2), grantedTable(d)] : []),
    ...conditionsSection(d, 2),
    ...(d.reportText
      ? [
          heading(H.reports, 2),
          paragraph(d.reportText, { keepNext: true }),
          deadlinesTable(d),
          BLANK_LINE(),
        ]
      : []),
    paragraph(d.contactText),
    paragraph(CLOSING_GREETING, { keepNext: true }),
    // Room for a handwritten signature.
    BLANK_LINE(),
    paragraph([d.signer.name, d.signer.onBehalfOf].filter(Boolean).join("\n")),
  ];
}

export function decisionLetterHeaderParts(view: DecidedFundApplicationView): string[] {
  return [view.fundName, `${H.decision}: ${view.title}`];
}

export function buildDecisionLetterDocument(view: DecidedFundApplicationView): Document {
  return createDocument({
    title: `${decisionLetterTitle(view.fundName)}: ${view.title}`,
    description: `${view.decision.decisionLabel}, ${formatDate(view.decision.decisionDate)}`,
    sections: [pageSection(decisionLetterHeaderParts(view), buildDecisionLetterSections(view))],
  });
}
