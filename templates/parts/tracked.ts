/**
 * Word tracked changes (revision marks) from word-level diff segments: equal text as plain runs,
 * inserted and deleted text as `w:ins` / `w:del` runs that Word lets a reader accept or reject.
 * A paragraph that is wholly new or wholly gone also has its paragraph mark tracked, and a table
 * row its row mark, so accepting or rejecting leaves no empty paragraph or row behind.
 *
 * Every mark needs an id that is unique in the document; `createRevisionMarks` hands them out in
 * the order they are asked for, so building the document front to back keeps them increasing.
 */
import {
  BorderStyle,
  DeletedTextRun,
  HeadingLevel,
  InsertedTextRun,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IBorderOptions,
  type ParagraphChild,
} from "docx";
import type { Segment } from "../../app/domain/diff";
import type { HeadingDepth } from "./headings";
import { BULLET_LIST, TEXT_WIDTH } from "./styles";
import { CELL_PADDING, TABLE_TEXT_STYLE } from "./tables";
import type { ParagraphOptions, RunStyle } from "./text";

export type RevisionMark = "insert" | "delete";

/** The attributes of one `w:ins` or `w:del`, as docx takes them. */
export interface Revision {
  id: number;
  author: string;
  date: string;
}

export interface RevisionMarks {
  next(): Revision;
}

/**
 * A source of revision attributes for one document. The date is passed in (templates read no
 * clock); fractional seconds are dropped, as Word writes and expects `2024-05-01T10:00:00Z`.
 */
export function createRevisionMarks(author: string, date: string): RevisionMarks {
  const when = date.replace(/\.\d+(?=Z$|[+-]\d\d:\d\d$)/, "");
  let id = 0;
  return { next: () => ({ id: ++id, author, date: when }) };
}

/** A diff segment with the look of its run. */
export type TrackedRun = Segment & RunStyle;

/** Whether the segments are all inserted or all deleted (a whole new or removed text). */
export function markOf(segments: Segment[]): RevisionMark | null {
  if (!segments.length) return null;
  if (segments.every((s) => s.type === "insert")) return "insert";
  if (segments.every((s) => s.type === "delete")) return "delete";
  return null;
}

/** A fixed text (a label, a heading) that is new or gone together with what it belongs to. */
export function markedText(text: string, mark: RevisionMark | null): Segment {
  return { type: mark ?? "equal", text };
}

export function hasText(segments: Segment[]): boolean {
  return segments.some((s) => s.text.trim() !== "");
}

/**
 * Runs for the segments: one run per line (and tabs as real tabs), as `textRuns` does for plain
 * text; each inserted or deleted run gets its own revision id.
 */
export function segmentRuns(
  runs: TrackedRun[],
  marks: RevisionMarks,
  style: RunStyle = {},
): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const run of runs) {
    run.text.split(/\r\n?|\n/).forEach((line, lineIndex) => {
      const options = {
        children: line.split("\t").flatMap((part, i) => (i ? [new Tab(), part] : [part])),
        break: lineIndex ? 1 : undefined,
        bold: style.bold || run.bold || undefined,
        italics: style.italic || run.italic || undefined,
        size: style.size ?? run.size,
      };
      if (run.type === "equal") out.push(new TextRun(options));
      else if (run.type === "insert")
        out.push(new InsertedTextRun({ ...options, ...marks.next() }));
      else out.push(new DeletedTextRun({ ...options, ...marks.next() }));
    });
  }
  return out;
}

export interface TrackedParagraphSpec extends ParagraphOptions {
  runs: TrackedRun[];
  /** The paragraph mark's own revision: the whole paragraph is new or gone. */
  mark?: RevisionMark | null;
  heading?: HeadingDepth;
  /** Level of a bullet list item (0 is the outermost). */
  bullet?: number;
  pageBreakBefore?: boolean;
}

const HEADING_LEVELS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
} as const;

/** A paragraph (heading, bullet item or plain) with tracked runs and a tracked paragraph mark. */
export function trackedParagraph(spec: TrackedParagraphSpec, marks: RevisionMarks): Paragraph {
  const { runs, mark, heading, bullet, pageBreakBefore, indent, style, alignment, keepNext } = spec;
  // The paragraph mark's revision is written before the runs, so its id comes first.
  const revision = mark ? marks.next() : undefined;
  return new Paragraph({
    heading: heading ? HEADING_LEVELS[heading] : undefined,
    numbering: bullet === undefined ? undefined : { reference: BULLET_LIST, level: bullet },
    pageBreakBefore: pageBreakBefore || undefined,
    style,
    alignment,
    keepNext,
    indent: indent ? { left: indent } : undefined,
    run: revision
      ? mark === "insert"
        ? { insertion: revision }
        : { deletion: revision }
      : undefined,
    children: segmentRuns(runs, marks, spec),
  });
}

/**
 * A text with line breaks as separate paragraphs (a list of duties, say), each paragraph's mark
 * tracked when the line break that ends it was inserted or deleted. The last line ends with
 * `end`: the mark of the whole text when it is new or gone.
 */
export function splitLines(
  segments: Segment[],
  end: RevisionMark | null,
): { runs: Segment[]; mark: RevisionMark | null }[] {
  const lines: { runs: Segment[]; mark: RevisionMark | null }[] = [];
  let current: Segment[] = [];
  for (const segment of segments) {
    segment.text.split(/\r\n?|\n/).forEach((part, i) => {
      if (i) {
        lines.push({ runs: current, mark: segment.type === "equal" ? null : segment.type });
        current = [];
      }
      if (part) current.push({ type: segment.type, text: part });
    });
  }
  lines.push({ runs: current, mark: end });
  return lines;
}

/**
 * The paragraphs of one table cell. A cell's last paragraph mark cannot be removed, so a run of
 * new (or removed) paragraphs at the end of the cell is tracked on the mark before it instead:
 * rejecting (or accepting) then leaves no empty line in the cell.
 */
export function cellParagraphs(specs: TrackedParagraphSpec[], marks: RevisionMarks): Paragraph[] {
  const shifted = specs.map((spec) => ({ ...spec, mark: spec.mark ?? null }));
  const last = shifted[shifted.length - 1];
  if (last?.mark) {
    let first = shifted.length - 1;
    while (first > 0 && shifted[first - 1]!.mark === last.mark) first--;
    const before = shifted[first - 1];
    if (before && before.mark === null) {
      before.mark = last.mark;
      last.mark = null;
    }
  }
  return shifted.map((spec) => trackedParagraph(spec, marks));
}

// --- tables -----------------------------------------------------------------------------------

export interface TrackedHeaderCell {
  runs: TrackedRun[];
  alignment?: "left" | "right";
}

export interface TrackedRow {
  /** The row is new or removed as a whole. */
  mark: RevisionMark | null;
  cells: TrackedParagraphSpec[][];
}

export interface TrackedTableOptions {
  header: TrackedHeaderCell[];
  /** The whole table is new or removed: its header row goes with its rows. */
  headerMark?: RevisionMark | null;
  rows: TrackedRow[];
  /** Column widths as fractions of the text width. */
  widths: number[];
  /** Font size in half-points, when smaller than the body's. */
  textSize?: number;
}

// The look of `gridTable` in tables.ts, which has no per-row revision marks.
const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: "808080" };
const HEADER_FILL = "E7ECF4";

function rowRevision(mark: RevisionMark | null | undefined, revision: Revision | undefined) {
  if (!mark || !revision) return {};
  return mark === "insert" ? { insertion: revision } : { deletion: revision };
}

/** A bordered table like `gridTable`, whose rows and cell text carry revision marks. */
export function trackedTable(options: TrackedTableOptions, marks: RevisionMarks): Table {
  const { header, headerMark, rows, widths, textSize } = options;
  const twips = widths.map((w) => Math.round(w * TEXT_WIDTH));
  const cell = (children: Paragraph[], i: number, shaded: boolean) =>
    new TableCell({
      children,
      width: { size: twips[i] ?? 0, type: WidthType.DXA },
      shading: shaded ? { fill: HEADER_FILL, type: ShadingType.CLEAR, color: "auto" } : undefined,
    });
  const headerRevision = headerMark ? marks.next() : undefined;
  const headerRow = new TableRow({
    ...rowRevision(headerMark, headerRevision),
    tableHeader: true,
    cantSplit: true,
    children: header.map((h, i) =>
      cell(
        [
          trackedParagraph(
            {
              runs: h.runs,
              bold: true,
              size: textSize,
              alignment: h.alignment,
              style: TABLE_TEXT_STYLE,
            },
            marks,
          ),
        ],
        i,
        true,
      ),
    ),
  });
  const bodyRows = rows.map((row) => {
    // The row's mark is written before its cells, so its id comes first.
    const revision = row.mark ? marks.next() : undefined;
    return new TableRow({
      ...rowRevision(row.mark, revision),
      children: row.cells.map((specs, i) =>
        cell(
          cellParagraphs(
            specs.map((spec) => ({ style: TABLE_TEXT_STYLE, size: textSize, ...spec })),
            marks,
          ),
          i,
          false,
        ),
      ),
    });
  });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: twips,
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
    rows: [headerRow, ...bodyRows],
  });
}
