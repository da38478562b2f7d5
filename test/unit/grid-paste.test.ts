/**
 * Pasting into the measurements grid what Excel, LibreOffice or Google Sheets put on the
 * clipboard: a column fills downward from the cell, a range fills across too, quoted cells keep
 * their line breaks, what falls outside the grid is counted, and a single value is the browser's.
 */
import { describe, expect, it } from "vitest";
import { parseClipboardTable, planPaste } from "~/components/grid-keyboard";
import {
  countUnsavedChanges,
  GRID_COLUMNS,
  statusFromText,
  valueFromText,
} from "~/components/measurements-grid";

describe("parseClipboardTable", () => {
  it("reads rows (CRLF or LF, with or without a last line break) and tab-separated cells", () => {
    expect(parseClipboardTable("76\r\n50\r\n4\r\n")).toEqual([["76"], ["50"], ["4"]]);
    expect(parseClipboardTable("76\n50")).toEqual([["76"], ["50"]]);
    expect(parseClipboardTable("76\t%\tOpfyldt\n12,5\t\tIkke målt\n")).toEqual([
      ["76", "%", "Opfyldt"],
      ["12,5", "", "Ikke målt"],
    ]);
  });

  it("keeps empty cells and rows, so a gap in the column stays a gap", () => {
    expect(parseClipboardTable("1\n\n3\n")).toEqual([["1"], [""], ["3"]]);
    expect(parseClipboardTable("a\t\n")).toEqual([["a", ""]]);
  });

  it("unquotes a cell holding line breaks, tabs or quotes", () => {
    expect(parseClipboardTable('"To linjer\nher"\tx\n"Sagde ""nej"""\ty\n')).toEqual([
      ["To linjer\nher", "x"],
      ['Sagde "nej"', "y"],
    ]);
    // A quote that does not close the cell is text.
    expect(parseClipboardTable('"12" tommer\n')).toEqual([['"12" tommer']]);
  });
});

describe("planPaste", () => {
  const size = { rows: 5, cols: 4 };

  it("fills a pasted column downward from the cell it lands in", () => {
    expect(planPaste("76\n50\n4\n", { row: 1, col: 0 }, size)).toEqual({
      cells: [
        { row: 1, col: 0, value: "76" },
        { row: 2, col: 0, value: "50" },
        { row: 3, col: 0, value: "4" },
      ],
      outside: 0,
    });
  });

  it("fills a range across and counts what falls below or right of the grid", () => {
    const plan = planPaste(
      "1\t%\tOpfyldt\n2\t%\tIkke opfyldt\n3\tx\ty\n",
      { row: 3, col: 2 },
      size,
    );
    expect(plan).toEqual({
      cells: [
        { row: 3, col: 2, value: "1" },
        { row: 3, col: 3, value: "%" },
        { row: 4, col: 2, value: "2" },
        { row: 4, col: 3, value: "%" },
      ],
      outside: 5,
    });
  });

  it("leaves a single value, and prose pasted into a comment, to the browser", () => {
    expect(planPaste("76", { row: 0, col: 0 }, size)).toBeNull();
    expect(planPaste("76\n", { row: 0, col: 0 }, size)).toBeNull();
    expect(
      planPaste("Første afsnit.\nAndet afsnit.", { row: 0, col: 3 }, size, "multiline"),
    ).toBeNull();
    expect(planPaste("a\tb\n", { row: 0, col: 2 }, size, "multiline")?.cells).toHaveLength(2);
  });
});

describe("pasted text for the measurement columns", () => {
  it("has the columns value, unit, status and comment, in that order", () => {
    expect(GRID_COLUMNS.map((c) => c.label)).toEqual(["Værdi", "Enhed", "Status", "Kommentar"]);
  });

  it("takes a value with a percent sign (as Excel copies it) as the number", () => {
    expect(valueFromText(" 76% ")).toBe("76");
    expect(valueFromText("11,5 %")).toBe("11,5");
    expect(valueFromText("1.250")).toBe("1.250");
  });

  it("reads statuses by their Danish labels or keys; an unknown word is not a status", () => {
    expect(statusFromText("Opfyldt")).toBe("met");
    expect(statusFromText("delvist opfyldt ")).toBe("partly_met");
    expect(statusFromText("IKKE MÅLT")).toBe("not_measured");
    expect(statusFromText("not_met")).toBe("not_met");
    expect(statusFromText("")).toBe("");
    expect(statusFromText("Forslag: Opfyldt")).toBe("");
    expect(statusFromText("Godt")).toBeNull();
  });
});

describe("countUnsavedChanges", () => {
  const saved = [
    {
      criterionId: "1",
      version: "",
      baselineValue: "71",
      targetValue: "80",
      valueNumber: "",
      valueText: "",
      unit: "%",
      status: "",
      overrideReason: "",
      comment: "",
      source: "",
      logValue: "",
      valueOverrideReason: "",
    },
  ];
  it("counts the edited fields against what is stored; a field typed back is not a change", () => {
    expect(countUnsavedChanges(saved, [{ ...saved[0] }])).toBe(0);
    expect(countUnsavedChanges(saved, [{ ...saved[0], valueNumber: "76", comment: "x" }])).toBe(2);
    expect(countUnsavedChanges(saved, [{ ...saved[0], unit: "%" }])).toBe(0);
    // A hidden field the form has not registered yet is not a change.
    expect(countUnsavedChanges(saved, [{ ...saved[0], overrideReason: undefined }])).toBe(0);
  });
});
