/**
 * Neutralising text cells against formula injection (OWASP "CSV Injection"). A text cell that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return is stored as text by exceljs, but
 * Excel and LibreOffice evaluate it as a formula as soon as the user edits the cell (or when the
 * sheet is saved as CSV and reopened). Such texts get a leading apostrophe, as OWASP advises; real
 * numbers stay numeric cells. Every workbook builder passes its workbook through
 * `neutraliseWorkbook` before returning it, so no text cell escapes, whatever sheet it sits on.
 */
import type { CellRichTextValue, CellValue, Workbook } from "exceljs";

/** The characters a spreadsheet may read as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The text as it may safely stand in a cell: formula starters get a leading apostrophe. */
export function neutraliseCellText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function isRichText(value: CellValue): value is CellRichTextValue {
  return typeof value === "object" && value !== null && "richText" in value;
}

/** The cell value with its text neutralised; numbers, dates, booleans and empties unchanged. */
export function neutraliseCellValue(value: CellValue): CellValue {
  if (typeof value === "string") return neutraliseCellText(value);
  if (isRichText(value) && value.richText.length > 0) {
    const [first, ...rest] = value.richText;
    const text = neutraliseCellText(first!.text);
    return text === first!.text ? value : { richText: [{ ...first!, text }, ...rest] };
  }
  return value;
}

/** Neutralises every text cell of every sheet, in place, and returns the workbook. */
export function neutraliseWorkbook<W extends Workbook>(workbook: W): W {
  workbook.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        // A formula set on purpose ({ formula }) is an object, not a string: it is left alone.
        const safe = neutraliseCellValue(cell.value);
        if (safe !== cell.value) cell.value = safe;
      });
    });
  });
  return workbook;
}
