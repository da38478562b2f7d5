/** Small readers of the reader's tables: a cell's text, and where a nested table starts. Pure. */
import type { SourceDocument, SourceTable } from "./types";

type Cell = SourceTable["rows"][number]["cells"][number];

/** The cell's paragraphs with text, one per line. */
export function cellText(doc: SourceDocument, cell: Cell): string {
  return cell.blocks
    .map((i) => doc.blocks[i]?.text ?? "")
    .filter((t) => t.trim())
    .join("\n")
    .trim();
}

/** The first block index inside a table (nested tables included): its place among a cell's blocks. */
export function tableStart(doc: SourceDocument, index: number): number {
  const table = doc.tables[index];
  let min = Infinity;
  for (const row of table?.rows ?? []) {
    for (const cell of row.cells) {
      for (const b of cell.blocks) min = Math.min(min, b);
      for (const t of cell.tables) min = Math.min(min, tableStart(doc, t));
    }
  }
  return min;
}
