/**
 * Bordered tables with a bold, shaded header row that repeats on every page: the fund template's
 * label/value tables (success criteria | data source, organisation | financing).
 */
import {
  BorderStyle,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  WidthType,
  type IBorderOptions,
} from "docx";
import { TEXT_WIDTH } from "./styles";
import { paragraph } from "./text";

export const TABLE_TEXT_STYLE = "TableText";

/**
 * Table text in a smaller size, as paragraph styles rather than a size on every run: a table of
 * figures holds hundreds of runs, and each run's own size is three more XML elements to build,
 * write and pack. Sizes in half-points, as `textSize` gives them.
 */
export const SMALL_TABLE_TEXT_STYLES: Record<number, string> = {
  20: "TableText10",
  18: "TableText9",
};

/** The paragraph style and run size for table text of `size` half-points (undefined: the body's). */
export function tableTextStyle(size: number | undefined): { style: string; size?: number } {
  if (size === undefined) return { style: TABLE_TEXT_STYLE };
  const style = SMALL_TABLE_TEXT_STYLES[size];
  return style ? { style } : { style: TABLE_TEXT_STYLE, size };
}
/** Left and right padding of a cell, in twips. */
export const CELL_PADDING = 85;

/** A cell's content: one line of text, or paragraphs built by the caller (lists, several lines). */
export type CellContent = string | Paragraph[];

export interface CellSpec {
  content: CellContent;
  bold?: boolean;
  alignment?: "left" | "right";
  /** Left indent in twips, for rows one level down. */
  indent?: number;
  /** Background colour of a body cell as hex RGB ("C6EFCE"); never the only carrier of meaning. */
  fill?: string;
}

export type Cell = CellContent | CellSpec;

export interface GridTableOptions {
  /** The bold, shaded header row that repeats on every page; none for a plain fact table. */
  header?: Cell[];
  rows: Cell[][];
  /** Column widths as fractions of the text width (they should add up to 1). */
  widths: number[];
  /** Font size in half-points, for tables that need smaller text than the body's. */
  textSize?: number;
  /** Keep every body row whole on one page (tables of short rows: figures, statuses). */
  cantSplitRows?: boolean;
  /** The table's whole width in twips: the text width, or less for a table inside a cell. */
  width?: number;
  /** Keep a short table on one page (every row kept with the next, as Word does it). */
  keepTogether?: boolean;
}

const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: "808080" };
const HEADER_FILL = "E7ECF4";
const BORDERS = {
  top: LINE,
  bottom: LINE,
  left: LINE,
  right: LINE,
  insideHorizontal: LINE,
  insideVertical: LINE,
};

function toSpec(cell: Cell): CellSpec {
  return typeof cell === "string" || Array.isArray(cell) ? { content: cell } : cell;
}

function cellParagraphs(
  spec: CellSpec,
  header: boolean,
  size: number | undefined,
  keepNext?: boolean,
): Paragraph[] {
  if (Array.isArray(spec.content)) return spec.content;
  return [
    paragraph(spec.content, {
      bold: header || spec.bold,
      alignment: spec.alignment,
      indent: spec.indent,
      ...tableTextStyle(size),
      keepNext,
    }),
  ];
}

function shadingOf(fill: string | undefined) {
  return fill ? { fill, type: ShadingType.CLEAR, color: "auto" } : undefined;
}

function row(
  cells: Cell[],
  header: boolean,
  size?: number,
  cantSplit?: boolean,
  keepNext?: boolean,
): TableRow {
  return new TableRow({
    tableHeader: header || undefined,
    cantSplit: header || cantSplit || undefined,
    children: cells.map((cell) => {
      const spec = toSpec(cell);
      return new TableCell({
        children: cellParagraphs(spec, header, size, keepNext),
        shading: shadingOf(header ? HEADER_FILL : spec.fill),
      });
    }),
  });
}

export function gridTable({
  header,
  rows,
  widths,
  textSize,
  cantSplitRows,
  width = TEXT_WIDTH,
  keepTogether,
}: GridTableOptions): Table {
  const twips = widths.map((w) => Math.round(w * width));
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: twips,
    layout: TableLayoutType.FIXED,
    margins: { left: CELL_PADDING, right: CELL_PADDING },
    borders: BORDERS,
    rows: [
      ...(header ? [row(header, true, textSize, undefined, keepTogether)] : []),
      ...rows.map((r, i) =>
        row(r, false, textSize, cantSplitRows, keepTogether && i < rows.length - 1),
      ),
    ],
  });
}

/** Two columns, label | value, as in the fund's template. */
export function labelValueTable(
  header: [string, string],
  rows: [Cell, Cell][],
  widths: [number, number] = [0.62, 0.38],
): Table {
  return gridTable({ header, rows, widths });
}

/** One row of a label | content table: the label as the template words it, and what it holds. */
export interface LabelRow {
  label: string;
  /** Paragraphs, lists and nested tables; an empty row is left out of the table. */
  content: (Paragraph | Table)[];
  /** Keep the row whole on one page (short rows: a name, a date, a few lines). */
  cantSplit?: boolean;
  /** Keep the row on the same page as the next one (a name above its description). */
  keepNext?: boolean;
}

/** The label column's share of the width in the fund's label | content tables. */
export const LABEL_SHARE = 0.3;

/** The content cell's inner width in twips, for a table nested in it. */
export function contentCellWidth(share = LABEL_SHARE): number {
  return Math.round((1 - share) * TEXT_WIDTH) - 2 * CELL_PADDING;
}

/**
 * The fund template's two-column form: a bold, shaded label cell ("Formål:") and a content cell
 * with paragraphs, lists or a nested table. Rows without content are left out, and so is the
 * table when no row is left.
 */
export function labelContentTable(rows: LabelRow[], share = LABEL_SHARE): Table[] {
  const kept = rows.filter((r) => r.content.length > 0);
  if (!kept.length) return [];
  const twips = [Math.round(share * TEXT_WIDTH), TEXT_WIDTH - Math.round(share * TEXT_WIDTH)];
  return [
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: twips,
      layout: TableLayoutType.FIXED,
      margins: { left: CELL_PADDING, right: CELL_PADDING },
      borders: BORDERS,
      rows: kept.map(
        (r) =>
          new TableRow({
            cantSplit: r.cantSplit || undefined,
            children: [
              new TableCell({
                children: [
                  paragraph(r.label, {
                    bold: true,
                    style: TABLE_TEXT_STYLE,
                    keepNext: r.keepNext,
                  }),
                ],
                shading: shadingOf(HEADER_FILL),
              }),
              new TableCell({ children: r.content }),
            ],
          }),
      ),
    }),
  ];
}
