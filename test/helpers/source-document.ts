/**
 * Small SourceDocuments for recogniser tests, built the way the reader yields them: headings,
 * paragraphs (bold or with bold runs), list items, empty paragraphs and tables whose cells hold
 * blocks (and nested tables). Text is what the reader gives: runs joined, soft breaks as "\n".
 */
import type { Inline } from "../../app/domain/rich-text";
import type { SourceDocument, SourceTable, TextBlock } from "../../app/domain/import/types";

export type BlockSpec =
  | { heading: string; level?: number }
  | { p: string | Inline[]; bold?: boolean }
  | { item: string | Inline[]; ordered?: boolean; depth?: number; bold?: boolean }
  | { table: CellSpec[][] };
/** A cell: one paragraph's text, or its blocks. */
export type CellSpec = string | BlockSpec[];

export const h = (heading: string, level = 2): BlockSpec => ({ heading, level });
export const p = (text: string | Inline[], bold = false): BlockSpec => ({ p: text, bold });
export const b = (text: string): BlockSpec => ({ p: text, bold: true });
export const li = (item: string | Inline[], depth = 0, ordered = false): BlockSpec => ({
  item,
  depth,
  ordered,
});
export const table = (rows: CellSpec[][]): BlockSpec => ({ table: rows });

function plain(content: Inline[]): string {
  return content
    .map((r) => r.text)
    .join("")
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .trim();
}

export function sourceDocument(specs: BlockSpec[]): SourceDocument {
  const blocks: TextBlock[] = [];
  const tables: SourceTable[] = [];

  function addBlock(spec: Exclude<BlockSpec, { table: CellSpec[][] }>, cell: TextBlock["cell"]) {
    let content: Inline[];
    let kind: TextBlock["kind"];
    let level = 0;
    let ordered = false;
    let depth = 0;
    let allBold = false;
    if ("heading" in spec) {
      kind = "heading";
      level = spec.level ?? 2;
      content = [{ text: spec.heading }];
    } else if ("p" in spec) {
      kind = "paragraph";
      content = typeof spec.p === "string" ? [{ text: spec.p }] : spec.p;
      allBold = Boolean(spec.bold);
    } else {
      kind = "listItem";
      content = typeof spec.item === "string" ? [{ text: spec.item }] : spec.item;
      ordered = Boolean(spec.ordered);
      depth = spec.depth ?? 0;
      allBold = Boolean(spec.bold);
    }
    if (allBold) content = content.map((r) => ({ ...r, bold: true }));
    const text = plain(content);
    const bold = text.length > 0 && content.every((r) => r.bold || !r.text.trim());
    const index = blocks.length;
    blocks.push({ index, kind, level, ordered, depth, content, text, bold, cell });
    return index;
  }

  function addTable(rows: CellSpec[][]): number {
    const index = tables.length;
    const t: SourceTable = { index, rows: [] };
    tables.push(t);
    rows.forEach((row, r) => {
      t.rows.push({
        cells: row.map((cell, c) => {
          const specs: BlockSpec[] = typeof cell === "string" ? [p(cell)] : cell;
          const out = { colSpan: 1, rowSpan: 1, blocks: [] as number[], tables: [] as number[] };
          for (const spec of specs) {
            if ("table" in spec) out.tables.push(addTable(spec.table));
            else out.blocks.push(addBlock(spec, { table: index, row: r, column: c, colSpan: 1 }));
          }
          return out;
        }),
      });
    });
    return index;
  }

  const body: SourceDocument["body"] = [];
  for (const spec of specs) {
    if ("table" in spec) body.push({ table: addTable(spec.table) });
    else body.push({ block: addBlock(spec, null) });
  }
  const wordCount = blocks.reduce(
    (n, block) => n + block.text.split(/\s+/).filter(Boolean).length,
    0,
  );
  return { blocks, tables, body, wordCount, warnings: [] };
}
