/**
 * Spreadsheet-like keys and paste for a table of inputs (the measurements grid), as pure functions
 * so the rules are unit-tested apart from the DOM:
 *
 * - ArrowUp/ArrowDown and Enter (Shift+Enter: up) move to the same column in the row above/below.
 *   In a multi-line cell (a textarea) the up/down arrows first move the caret between its lines.
 * - ArrowLeft/ArrowRight move to the next cell only when the caret is at the text's start/end (or
 *   the whole text is selected, as after arriving in a cell), so editing within a cell still works.
 * - Alt+Enter in a multi-line cell starts a new line (as in Excel). Tab is left to the browser.
 * - A paste of several lines or tab-separated columns (what Excel puts on the clipboard) fills the
 *   grid downward and across from the cell it lands in.
 */

export type GridMove = "up" | "down" | "left" | "right";

/** What a key press in a cell does: move, insert a line break, or nothing (the browser's own). */
export type GridKeyAction = GridMove | "newline" | null;

export interface GridKey {
  key: string;
  shiftKey?: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  /** An input method (IME) is composing: its keys are never ours. */
  isComposing?: boolean;
}

/** The cell's editing state: its kind, text and selection (null for a select). */
export interface GridCaret {
  kind: "text" | "multiline" | "select";
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
}

function wholeTextSelected(c: GridCaret): boolean {
  return c.value.length > 0 && c.selectionStart === 0 && c.selectionEnd === c.value.length;
}

function caretAt(c: GridCaret, where: "start" | "end"): boolean {
  if (c.kind === "select" || c.selectionStart == null || c.selectionEnd == null) return true;
  if (wholeTextSelected(c)) return true;
  if (c.selectionStart !== c.selectionEnd) return false;
  return where === "start" ? c.selectionStart === 0 : c.selectionEnd === c.value.length;
}

/** Whether the caret is on the first (or last) line of a multi-line value. */
function caretOnEdgeLine(c: GridCaret, edge: "first" | "last"): boolean {
  if (c.kind !== "multiline" || c.selectionStart == null || c.selectionEnd == null) return true;
  if (wholeTextSelected(c)) return true;
  return edge === "first"
    ? !c.value.slice(0, c.selectionStart).includes("\n")
    : !c.value.slice(c.selectionEnd).includes("\n");
}

/** What a key press in a grid cell should do. */
export function gridKeyAction(k: GridKey, caret: GridCaret): GridKeyAction {
  if (k.isComposing || k.ctrlKey || k.metaKey) return null;
  if (k.key === "Enter") {
    if (k.altKey) return caret.kind === "multiline" ? "newline" : null;
    return k.shiftKey ? "up" : "down";
  }
  // Shift+arrows select text, Alt+ArrowDown opens a select's list: the browser's.
  if (k.altKey || k.shiftKey) return null;
  switch (k.key) {
    case "ArrowUp":
      return caretOnEdgeLine(caret, "first") ? "up" : null;
    case "ArrowDown":
      return caretOnEdgeLine(caret, "last") ? "down" : null;
    case "ArrowLeft":
      return caretAt(caret, "start") ? "left" : null;
    case "ArrowRight":
      return caretAt(caret, "end") ? "right" : null;
    default:
      return null;
  }
}

export interface GridPosition {
  row: number;
  col: number;
}

export interface GridSize {
  rows: number;
  cols: number;
}

/** The cell a move leads to, or null at the grid's edge (a spreadsheet stops there). */
export function moveInGrid(
  from: GridPosition,
  move: GridMove,
  size: GridSize,
): GridPosition | null {
  const next = { ...from };
  if (move === "up") next.row -= 1;
  else if (move === "down") next.row += 1;
  else if (move === "left") next.col -= 1;
  else next.col += 1;
  if (next.row < 0 || next.row >= size.rows || next.col < 0 || next.col >= size.cols) return null;
  return next;
}

/**
 * The text a multi-line cell gets from Alt+Enter: a line break in place of the selection, and
 * where the caret goes.
 */
export function insertLineBreak(caret: GridCaret): { value: string; caret: number } {
  const start = caret.selectionStart ?? caret.value.length;
  const end = caret.selectionEnd ?? start;
  return { value: `${caret.value.slice(0, start)}\n${caret.value.slice(end)}`, caret: start + 1 };
}

/**
 * Clipboard text as rows of cells, the way Excel, LibreOffice and Google Sheets copy a range: rows
 * end in CRLF or LF (the last one too), cells are separated by tabs, and a cell holding a line
 * break, tab or quote is quoted ("a ""b"""), its quotes doubled.
 */
export function parseClipboardTable(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let cellStart = true;
  while (i < text.length) {
    const ch = text[i]!;
    if (cellStart && ch === '"') {
      // A quoted cell: read to the closing quote; a doubled quote is one quote.
      let j = i + 1;
      let quoted = "";
      let closed = false;
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            quoted += '"';
            j += 2;
            continue;
          }
          closed = true;
          j += 1;
          break;
        }
        quoted += text[j];
        j += 1;
      }
      const next = text[j];
      // Only a quote that closes at the cell's end was quoting; otherwise take the text as it is.
      if (closed && (next === undefined || next === "\t" || next === "\n" || next === "\r")) {
        cell = quoted;
        i = j;
        cellStart = false;
        continue;
      }
    }
    cellStart = false;
    if (ch === "\t") {
      row.push(cell);
      cell = "";
      cellStart = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      cellStart = true;
    } else {
      cell += ch;
    }
    i += 1;
  }
  // The last row, unless the text ended with a line break (Excel's does).
  if (!cellStart || row.length > 0 || cell !== "") {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export interface PasteCell extends GridPosition {
  value: string;
}

export interface PastePlan {
  cells: PasteCell[];
  /** Pasted cells that fell outside the grid (below its last row or right of its last column). */
  outside: number;
}

/**
 * Where a pasted range goes, from the cell it lands in: downward and across. Returns null when the
 * paste is a single value (or, in a multi-line cell, text without tabs): the browser pastes it
 * into the cell as usual.
 */
export function planPaste(
  text: string,
  at: GridPosition,
  size: GridSize,
  cellKind: GridCaret["kind"] = "text",
): PastePlan | null {
  if (!/[\t\r\n]/.test(text)) return null;
  // Prose with line breaks pasted into a comment stays one comment; a range from a spreadsheet
  // (tab-separated) is spread out.
  if (cellKind === "multiline" && !text.includes("\t")) return null;
  const table = parseClipboardTable(text);
  if (table.length === 0 || (table.length === 1 && table[0]!.length === 1)) return null;
  const cells: PasteCell[] = [];
  let outside = 0;
  table.forEach((values, r) => {
    values.forEach((value, c) => {
      const row = at.row + r;
      const col = at.col + c;
      if (row < size.rows && col < size.cols) cells.push({ row, col, value });
      else outside += 1;
    });
  });
  return { cells, outside };
}
