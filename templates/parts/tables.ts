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
}

const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: "808080" };
const HEADER_FILL = "E7ECF4";

function toSpec(cell: Cell): CellSpec {
  return typeof cell === "string" || Array.isArray(cell) ? { content: cell } : cell;
}

function cellParagraphs(spec: CellSpec, header: boolean, size: number | undefined): Paragraph[] {
  if (Array.isArray(spec.content)) return spec.content;
  return [
    paragraph(spec.content, {
      bold: header || spec.bold,
      alignment: spec.alignment,
      indent: spec.indent,
      style: TABLE_TEXT_STYLE,
      size,
    }),
  ];
}

function shadingOf(fill: string | undefined) {
  return fill ? { fill, type: ShadingType.CLEAR, color: "auto" } : undefined;
}

function row(
  cells: Cell[],
  widths: number[],
  header: boolean,
  size?: number,
  cantSplit?: boolean,
): TableRow {
  return new TableRow({
    tableHeader: header || undefined,
    cantSplit: header || cantSplit || undefined,
    children: cells.map((cell, i) => {
      const spec = toSpec(cell);
      return new TableCell({
        children: cellParagraphs(spec, header, size),
        width: { size: widths[i] ?? 0, type: WidthType.DXA },
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
}: GridTableOptions): Table {
  const twips = widths.map((w) => Math.round(w * TEXT_WIDTH));
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
    rows: [
      ...(header ? [row(header, twips, true, textSize)] : []),
      ...rows.map((r) => row(r, twips, false, textSize, cantSplitRows)),
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
