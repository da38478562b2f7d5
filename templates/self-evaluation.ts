/**
 * A self-evaluation (selvevaluering) as a Word document, laid out like the funders' forms: the
 * project's title and funder, "Om donationen", a table of facts (region, type, recipient, amount
 * and year, sub-goal), the target groups as a list, then each question with its heading, the
 * question, the 5-point scale as a table with the chosen answer marked (an "X" on a shaded cell)
 * and written out, and the narrative. Pure: takes the view and returns a docx Document.
 */
import {
  BorderStyle,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  WidthType,
  type Document,
  type FileChild,
  type IBorderOptions,
  type Paragraph,
} from "docx";
import {
  RATINGS,
  ratingLabels,
  SELF_EVALUATION_HEADINGS,
  type SelfEvaluationAnswerView,
  type SelfEvaluationView,
} from "../app/domain/self-evaluation";
import { createDocument } from "./parts/document";
import { heading } from "./parts/headings";
import { pageSection } from "./parts/page";
import { TEXT_WIDTH } from "./parts/styles";
import { CELL_PADDING, labelValueTable, TABLE_TEXT_STYLE } from "./parts/tables";
import { boldParagraph, bulletList, paragraph, richTextParagraphs } from "./parts/text";

export { SELF_EVALUATION_HEADINGS };

export const FACTS_TABLE_LABEL = "Bevillingsgiver";
/** The mark in the scale's chosen cell. */
export const CHOSEN_MARK = "X";
export const NOT_RATED_TEXT = "Ikke vurderet endnu.";

const H = SELF_EVALUATION_HEADINGS;
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: "808080" };
const CHOSEN_FILL = "C6E0B4";

/** The narrative: paragraphs split at blank lines, single line breaks kept. */
function narrativeParagraphs(text: string | null): Paragraph[] {
  if (!text) return [];
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => paragraph(part));
}

const SCALE_COLUMN = Math.round(TEXT_WIDTH / RATINGS.length);

/** A cell of the scale; the chosen answer's column is shaded in both rows. */
function scaleCell(text: string, chosen: boolean): TableCell {
  return new TableCell({
    children: [paragraph(text, { bold: true, style: TABLE_TEXT_STYLE })],
    width: { size: SCALE_COLUMN, type: WidthType.DXA },
    shading: chosen ? { fill: CHOSEN_FILL, type: ShadingType.CLEAR, color: "auto" } : undefined,
  });
}

/** The five answers side by side, with an "X" under the chosen one (none when not rated). */
function scaleTable(rating: number | null): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: RATINGS.map(() => SCALE_COLUMN),
    layout: TableLayoutType.FIXED,
    margins: { left: CELL_PADDING, right: CELL_PADDING },
    borders: {
      top: LINE,
      bottom: LINE,
      left: LINE,
      right: LINE,
      insideHorizontal: LINE,
      insideVertical: LINE,
    },
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: RATINGS.map((r) => scaleCell(ratingLabels[r], r === rating)),
      }),
      new TableRow({
        cantSplit: true,
        children: RATINGS.map((r) => scaleCell(r === rating ? CHOSEN_MARK : "", r === rating)),
      }),
    ],
  });
}

function questionSection(q: SelfEvaluationAnswerView): FileChild[] {
  return [
    heading(q.heading, 3),
    paragraph(q.question, { italic: true, keepNext: true }),
    scaleTable(q.rating),
    q.ratingLabel ? boldParagraph(`Vurdering: ${q.ratingLabel}`) : paragraph(NOT_RATED_TEXT),
    ...narrativeParagraphs(q.narrative),
  ];
}

export function buildSelfEvaluationSections(view: SelfEvaluationView): FileChild[] {
  return [
    heading(view.title, 1),
    paragraph(`${H.document} for ${view.funder}`, { bold: true }),
    ...(view.description
      ? [heading(H.description, 2), ...richTextParagraphs(view.description)]
      : []),
    labelValueTable(
      [FACTS_TABLE_LABEL, view.funder],
      view.facts.map((f) => [f.label, f.value]),
      [0.3, 0.7],
    ),
    ...(view.targetGroups.length
      ? [heading(H.targetGroups, 2), ...bulletList(view.targetGroups)]
      : []),
    heading(H.assessment, 2),
    paragraph(view.questionSet.intro, { italic: true }),
    ...view.questions.flatMap(questionSection),
  ];
}

export function selfEvaluationHeaderParts(view: SelfEvaluationView): string[] {
  return [view.planName, `${H.document}: ${view.funder}`];
}

export function buildSelfEvaluationDocument(view: SelfEvaluationView): Document {
  return createDocument({
    title: `${H.document}: ${view.title}`,
    description: `${H.document} for ${view.funder}, ${view.planName}`,
    sections: [pageSection(selfEvaluationHeaderParts(view), buildSelfEvaluationSections(view))],
  });
}
