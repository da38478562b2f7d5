/**
 * A proposed revision of an agreement as a Word document: the whole proposed agreement, with every
 * change against the last approved version as a Word tracked change (inserted and deleted text
 * that a reader can accept or reject), so the board reads the revision where it reads agreements.
 * One heading per section of the diff, in its order, then the activity schemas. Pure: takes the
 * two views, their diff and the revision's author and time, and returns docx objects.
 */
import type { Document, FileChild, Paragraph, Table } from "docx";
import {
  type ActivityDiff,
  type AgreementDiff,
  type BudgetRowDiff,
  type SectionDiff,
} from "../app/domain/agreement-diff";
import { diffText, type ChangeKind, type ItemDiff, type ParagraphDiff } from "../app/domain/diff";
import type { AgreementView } from "../app/domain/agreement-view";
import { formatAmount } from "../app/domain/format";
import {
  ACTIVITY_CRITERIA_TABLE_HEADER,
  AGREEMENT_HEADINGS,
  CRITERIA_TABLE_HEADER,
} from "./agreement";
import { createDocument } from "./parts/document";
import type { HeadingDepth } from "./parts/headings";
import { pageSection } from "./parts/page";
import { BODY_SIZE, TEXT_WIDTH } from "./parts/styles";
import { CELL_PADDING } from "./parts/tables";
import { paragraph } from "./parts/text";
import {
  createRevisionMarks,
  hasText,
  markedText,
  markOf,
  splitLines,
  trackedParagraph,
  trackedTable,
  type RevisionMark,
  type RevisionMarks,
  type TrackedParagraphSpec,
  type TrackedRow,
  type TrackedRun,
} from "./parts/tracked";
import { ACTIVITY_CRITERIA_NOTE } from "../app/domain/texts.da";

export const REVISION_INTRO =
  "Ændringer i forhold til den senest godkendte version er vist som registrerede ændringer.";
export const MOVED_NOTE = "(flyttet)";
/** As the agreement document names an activity schema: "Aktivitet: Lektiecafé". */
const ACTIVITY_PREFIX = "Aktivitet: ";

export interface RevisionDocumentInput {
  /** The last approved version. */
  before: AgreementView;
  /** The proposed version. */
  after: AgreementView;
  diff: AgreementDiff;
  /** "Forslag til version 2 (ændringer i forhold til version 1)", in the page header. */
  versionLabel: string;
  /** Who the revision marks name as their author. */
  author: string;
  /** ISO timestamp of the revision marks. */
  date: string;
}

/** The labels agreement-diff gives a criterion's fields. */
const CRITERION_FIELDS = { dataSource: "Datakilde", baseline: "Udgangspunkt", target: "Mål" };
/** Fields holding one entry per line (members, duties): shown as a list under their item. */
const LIST_FIELDS = new Set(["Medlemmer", "Opgaver"]);

const itemMark = (kind: ChangeKind): RevisionMark | null =>
  kind === "added" ? "insert" : kind === "removed" ? "delete" : null;

const paragraphMark = (kind: ParagraphDiff["kind"]): RevisionMark | null =>
  kind === "insert" || kind === "delete" ? kind : null;

/** The one mark all parts share (all new, or all gone), or null. */
function commonMark(marks: (RevisionMark | null)[]): RevisionMark | null {
  const [first] = marks;
  return first && marks.every((m) => m === first) ? first : null;
}

const movedNote = (moved: boolean): TrackedRun[] =>
  moved ? [{ type: "insert", text: ` ${MOVED_NOTE}`, italic: true }] : [];

/** Whether a section is new or gone as a whole (its heading goes with it), or null. */
function sectionMark(section: SectionDiff): RevisionMark | null {
  switch (section.kind) {
    case "text":
      return commonMark(section.paragraphs.map((p) => paragraphMark(p.kind)));
    case "items":
      return commonMark(section.items.map((i) => itemMark(i.kind)));
    case "budget": {
      const before = section.rows.some((r) => r.cells.some((c) => (c.before ?? 0) !== 0));
      const after = section.rows.some((r) => r.cells.some((c) => (c.after ?? 0) !== 0));
      return before === after ? null : after ? "insert" : "delete";
    }
  }
}

function isEmpty(section: SectionDiff): boolean {
  switch (section.kind) {
    case "text":
      return !section.paragraphs.some((p) => hasText(p.segments));
    case "items":
      return !section.items.length;
    case "budget":
      return !section.rows.some((r) =>
        r.cells.some((c) => (c.before ?? 0) !== 0 || (c.after ?? 0) !== 0),
      );
  }
}

function heading(
  text: string,
  depth: HeadingDepth,
  mark: RevisionMark | null,
  marks: RevisionMarks,
  options: { pageBreakBefore?: boolean } = {},
): Paragraph {
  return trackedParagraph(
    { runs: [markedText(text, mark)], heading: depth, mark, ...options },
    marks,
  );
}

// --- text ---------------------------------------------------------------------------------------

function textParagraph(p: ParagraphDiff, marks: RevisionMarks): Paragraph {
  // A sub-heading inside a text is bold, not a Word heading, as in the agreement document.
  const subHeading = p.style === "heading";
  return trackedParagraph(
    {
      runs: p.segments,
      mark: paragraphMark(p.kind),
      bullet: p.style === "bullet" ? 0 : undefined,
      bold: subHeading || undefined,
      keepNext: subHeading || undefined,
    },
    marks,
  );
}

// --- items --------------------------------------------------------------------------------------

/** An item as a bullet with its fields one level in ("Kontaktperson: …", or one line per duty). */
function itemParagraphs(item: ItemDiff, marks: RevisionMarks): Paragraph[] {
  const out = [
    trackedParagraph(
      { runs: [...item.title, ...movedNote(item.moved)], mark: itemMark(item.kind), bullet: 0 },
      marks,
    ),
  ];
  for (const field of item.fields) {
    if (!hasText(field.segments)) continue;
    const mark = markOf(field.segments);
    if (LIST_FIELDS.has(field.label)) {
      for (const line of splitLines(field.segments, mark)) {
        if (!line.runs.length && !line.mark) continue;
        out.push(trackedParagraph({ runs: line.runs, mark: line.mark, bullet: 1 }, marks));
      }
    } else {
      const runs = [markedText(`${field.label}: `, mark), ...field.segments];
      out.push(trackedParagraph({ runs, mark, bullet: 1 }, marks));
    }
  }
  return out;
}

/** Success criteria as the agreement shows them: criterion (baseline, target) | data source. */
function criteriaTable(
  items: ItemDiff[],
  header: [string, string],
  mark: RevisionMark | null,
  marks: RevisionMarks,
): Table {
  const rows = items.map((item): TrackedRow => {
    const field = (label: string) => item.fields.find((f) => f.label === label)?.segments ?? [];
    const measures = [CRITERION_FIELDS.baseline, CRITERION_FIELDS.target].flatMap(
      (label): TrackedParagraphSpec[] => {
        const segments = field(label);
        if (!hasText(segments)) return [];
        const m = markOf(segments);
        return [{ runs: [markedText(`${label}: `, m), ...segments], mark: m, italic: true }];
      },
    );
    return {
      mark: itemMark(item.kind),
      cells: [
        [{ runs: [...item.title, ...movedNote(item.moved)] }, ...measures],
        [{ runs: field(CRITERION_FIELDS.dataSource) }],
      ],
    };
  });
  return trackedTable(
    {
      header: header.map((text) => ({ runs: [markedText(text, mark)] })),
      headerMark: mark,
      rows,
      widths: [0.62, 0.38],
    },
    marks,
  );
}

// --- budget -------------------------------------------------------------------------------------

const MIN_LABEL_WIDTH = 1800;
const SOURCE_INDENT = 284;

/**
 * Amount columns as wide as the widest amount (an old and a new amount in one cell wrap onto two
 * lines), in the largest of 11, 10 and 9 pt that leaves the organisation column wide enough.
 */
function budgetLayout(texts: string[], columns: number) {
  // About half an em a character in Calibri (digits a little more, separators less).
  const ems = Math.max(0, ...texts.map((t) => t.length)) * 0.5;
  const sizes = [BODY_SIZE, 20, 18].map((size) => ({
    size,
    amount: Math.ceil(ems * size * 10) + 2 * CELL_PADDING + 40,
  }));
  const chosen = sizes.find((s) => TEXT_WIDTH - s.amount * columns >= MIN_LABEL_WIDTH) ?? sizes[2]!;
  const amount = Math.min(chosen.amount, (TEXT_WIDTH - MIN_LABEL_WIDTH) / columns);
  const widths = [TEXT_WIDTH - amount * columns, ...Array<number>(columns).fill(amount)];
  return {
    widths: widths.map((w) => w / TEXT_WIDTH),
    textSize: chosen.size === BODY_SIZE ? undefined : chosen.size,
  };
}

/** An amount cell: the old amount deleted and the new one inserted when they differ. */
function amountRuns(before: number | null, after: number | null): TrackedRun[] {
  if (before === after) return before === null ? [] : [markedText(formatAmount(before), null)];
  const runs: TrackedRun[] = [];
  // The space lets Word wrap the new amount under the old one in a narrow column.
  if (before !== null) runs.push({ type: "delete", text: `${formatAmount(before)} ` });
  if (after !== null) runs.push({ type: "insert", text: formatAmount(after) });
  return runs;
}

function budgetRow(row: BudgetRowDiff): TrackedRow {
  const mark = itemMark(row.kind);
  const amount = (runs: TrackedRun[]): TrackedParagraphSpec[] => [
    { runs, bold: row.strong, alignment: "right" },
  ];
  return {
    mark,
    cells: [
      [
        {
          runs: [markedText(row.label, mark)],
          bold: row.strong,
          indent: row.strong ? undefined : SOURCE_INDENT,
        },
      ],
      ...row.cells.map((c) => amount(amountRuns(c.before, c.after))),
      amount(amountRuns(row.totalBefore, row.totalAfter)),
    ],
  };
}

/** The financing table (Organisation | years | I alt) with changed amounts tracked. */
function budgetTable(
  section: Extract<SectionDiff, { kind: "budget" }>,
  mark: RevisionMark | null,
  before: AgreementView,
  after: AgreementView,
  marks: RevisionMarks,
): Table {
  const amounts = section.rows.flatMap((r) =>
    [...r.cells.flatMap((c) => [c.before, c.after]), r.totalBefore, r.totalAfter]
      .filter((v): v is number => v !== null)
      .map(formatAmount),
  );
  const { widths, textSize } = budgetLayout(amounts, section.years.length + 1);
  // A year only one version budgets for is itself new or gone.
  const yearMark = (year: number): RevisionMark | null =>
    mark ??
    (before.budget.years.includes(year)
      ? after.budget.years.includes(year)
        ? null
        : "delete"
      : "insert");
  return trackedTable(
    {
      header: [
        { runs: [markedText("Organisation", mark)] },
        ...section.years.map((year) => ({
          runs: [markedText(String(year), yearMark(year))],
          alignment: "right" as const,
        })),
        { runs: [markedText("I alt", mark)], alignment: "right" },
      ],
      headerMark: mark,
      rows: section.rows.map(budgetRow),
      widths,
      textSize,
    },
    marks,
  );
}

// --- sections -----------------------------------------------------------------------------------

interface SectionContext {
  before: AgreementView;
  after: AgreementView;
  marks: RevisionMarks;
  depth: HeadingDepth;
  /** Inside an activity schema: its criteria table has the activity's header and note. */
  inActivity: boolean;
}

function sectionBody(section: SectionDiff, mark: RevisionMark | null, ctx: SectionContext) {
  const { marks } = ctx;
  switch (section.kind) {
    case "text":
      return section.paragraphs
        .filter((p) => hasText(p.segments))
        .map((p) => textParagraph(p, marks));
    case "budget":
      return [budgetTable(section, mark, ctx.before, ctx.after, marks)];
    case "items":
      if (section.key !== "criteria") return section.items.flatMap((i) => itemParagraphs(i, marks));
      if (!ctx.inActivity)
        return [criteriaTable(section.items, CRITERIA_TABLE_HEADER, mark, marks)];
      return [
        trackedParagraph(
          { runs: [markedText(ACTIVITY_CRITERIA_NOTE, mark)], mark, italic: true, keepNext: true },
          marks,
        ),
        criteriaTable(section.items, ACTIVITY_CRITERIA_TABLE_HEADER, mark, marks),
      ];
  }
}

/** A section's heading and content; a section with nothing in either version is left out. */
function sectionBlocks(section: SectionDiff, ctx: SectionContext): FileChild[] {
  if (isEmpty(section)) return [];
  const mark = sectionMark(section);
  // The heading first: revision ids follow the order of the document.
  const title = heading(section.title, ctx.depth, mark, ctx.marks);
  return [title, ...sectionBody(section, mark, ctx)];
}

function activityBlocks(activity: ActivityDiff, ctx: SectionContext): FileChild[] {
  const mark = itemMark(activity.kind);
  const title = trackedParagraph(
    {
      runs: [markedText(ACTIVITY_PREFIX, mark), ...activity.title, ...movedNote(activity.moved)],
      heading: 2,
      mark,
    },
    ctx.marks,
  );
  return [
    title,
    ...activity.sections.flatMap((s) => sectionBlocks(s, { ...ctx, depth: 3, inActivity: true })),
  ];
}

function activitySchemas(activities: ActivityDiff[], ctx: SectionContext): FileChild[] {
  if (!activities.length) return [];
  const mark = commonMark(activities.map((a) => itemMark(a.kind)));
  const title = heading(AGREEMENT_HEADINGS.schemas, 1, mark, ctx.marks, { pageBreakBefore: true });
  return [title, ...activities.flatMap((a) => activityBlocks(a, ctx))];
}

export function buildRevisionDocument(input: RevisionDocumentInput): Document {
  const { before, after, diff, versionLabel } = input;
  const marks = createRevisionMarks(input.author, input.date);
  const ctx: SectionContext = { before, after, marks, depth: 2, inActivity: false };
  // Built in document order, so the revision ids increase through the document.
  const children: FileChild[] = [
    trackedParagraph({ runs: diffText(before.title, after.title), heading: 1 }, marks),
    paragraph(REVISION_INTRO, { italic: true }),
  ];
  for (const section of diff.sections) children.push(...sectionBlocks(section, ctx));
  children.push(...activitySchemas(diff.activities, ctx));
  return createDocument({
    title: after.title,
    description: `${after.plan.name}, ${versionLabel.toLocaleLowerCase("da")}`,
    sections: [pageSection([after.plan.name, after.focusArea, versionLabel], children)],
  });
}
