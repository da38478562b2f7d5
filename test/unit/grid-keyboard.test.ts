/**
 * The measurements grid's keys, as a spreadsheet user expects them: arrows and Enter move to the
 * same column in the next or previous row, left/right leave a cell only at the text's edge, a
 * comment's lines can be walked and Alt+Enter adds one, and modified keys stay the browser's.
 */
import { describe, expect, it } from "vitest";
import {
  gridKeyAction,
  insertLineBreak,
  moveInGrid,
  type GridCaret,
} from "~/components/grid-keyboard";

const text = (value: string, start = value.length, end = start): GridCaret => ({
  kind: "text",
  value,
  selectionStart: start,
  selectionEnd: end,
});
const multiline = (value: string, start = value.length, end = start): GridCaret => ({
  ...text(value, start, end),
  kind: "multiline",
});
const select: GridCaret = { kind: "select", value: "", selectionStart: null, selectionEnd: null };

describe("gridKeyAction", () => {
  it("moves down on Enter and up on Shift+Enter, whatever the caret", () => {
    expect(gridKeyAction({ key: "Enter" }, text("76", 1))).toBe("down");
    expect(gridKeyAction({ key: "Enter", shiftKey: true }, text("76", 1))).toBe("up");
    expect(gridKeyAction({ key: "Enter" }, select)).toBe("down");
    expect(gridKeyAction({ key: "Enter" }, multiline("a\nb", 1))).toBe("down");
  });

  it("moves up and down with the arrows in a one-line cell and a select", () => {
    expect(gridKeyAction({ key: "ArrowDown" }, text("76", 1))).toBe("down");
    expect(gridKeyAction({ key: "ArrowUp" }, text(""))).toBe("up");
    // A select's value is changed by typing or its list (Alt+ArrowDown), never by moving on.
    expect(gridKeyAction({ key: "ArrowDown" }, select)).toBe("down");
    expect(gridKeyAction({ key: "ArrowDown", altKey: true }, select)).toBeNull();
  });

  it("walks a comment's lines before leaving the cell", () => {
    const comment = "første linje\nanden linje";
    expect(gridKeyAction({ key: "ArrowDown" }, multiline(comment, 3))).toBeNull();
    expect(gridKeyAction({ key: "ArrowDown" }, multiline(comment, 15))).toBe("down");
    expect(gridKeyAction({ key: "ArrowUp" }, multiline(comment, 15))).toBeNull();
    expect(gridKeyAction({ key: "ArrowUp" }, multiline(comment, 3))).toBe("up");
    expect(gridKeyAction({ key: "ArrowUp" }, multiline(comment, 0, comment.length))).toBe("up");
  });

  it("leaves a cell sideways only at the text's start or end, or with all of it selected", () => {
    expect(gridKeyAction({ key: "ArrowLeft" }, text("76,5", 2))).toBeNull();
    expect(gridKeyAction({ key: "ArrowRight" }, text("76,5", 2))).toBeNull();
    expect(gridKeyAction({ key: "ArrowLeft" }, text("76,5", 0))).toBe("left");
    expect(gridKeyAction({ key: "ArrowRight" }, text("76,5", 4))).toBe("right");
    expect(gridKeyAction({ key: "ArrowRight" }, text("76,5", 0))).toBeNull();
    // Part of the text selected: the arrow collapses the selection (the browser's).
    expect(gridKeyAction({ key: "ArrowRight" }, text("76,5", 1, 4))).toBeNull();
    // Arriving in a cell selects it all: the arrows move on at once, as in a spreadsheet.
    expect(gridKeyAction({ key: "ArrowRight" }, text("76,5", 0, 4))).toBe("right");
    expect(gridKeyAction({ key: "ArrowLeft" }, text("76,5", 0, 4))).toBe("left");
    expect(gridKeyAction({ key: "ArrowLeft" }, text(""))).toBe("left");
    expect(gridKeyAction({ key: "ArrowRight" }, select)).toBe("right");
  });

  it("inserts a line break on Alt+Enter in a comment only", () => {
    expect(gridKeyAction({ key: "Enter", altKey: true }, multiline("a"))).toBe("newline");
    expect(gridKeyAction({ key: "Enter", altKey: true }, text("a"))).toBeNull();
  });

  it("leaves Tab, letters, modified keys and an IME's keys to the browser", () => {
    expect(gridKeyAction({ key: "Tab" }, text("a"))).toBeNull();
    expect(gridKeyAction({ key: "a" }, text("a"))).toBeNull();
    expect(gridKeyAction({ key: "ArrowLeft", shiftKey: true }, text("ab", 0))).toBeNull();
    expect(gridKeyAction({ key: "Enter", ctrlKey: true }, text("a"))).toBeNull();
    expect(gridKeyAction({ key: "ArrowDown", metaKey: true }, text("a"))).toBeNull();
    expect(gridKeyAction({ key: "Enter", isComposing: true }, text("a"))).toBeNull();
  });
});

describe("moveInGrid", () => {
  const size = { rows: 3, cols: 4 };
  it("moves to the same column in the next or previous row, and along the row", () => {
    expect(moveInGrid({ row: 0, col: 2 }, "down", size)).toEqual({ row: 1, col: 2 });
    expect(moveInGrid({ row: 2, col: 2 }, "up", size)).toEqual({ row: 1, col: 2 });
    expect(moveInGrid({ row: 1, col: 0 }, "right", size)).toEqual({ row: 1, col: 1 });
    expect(moveInGrid({ row: 1, col: 3 }, "left", size)).toEqual({ row: 1, col: 2 });
  });

  it("stops at the grid's edges", () => {
    expect(moveInGrid({ row: 2, col: 0 }, "down", size)).toBeNull();
    expect(moveInGrid({ row: 0, col: 0 }, "up", size)).toBeNull();
    expect(moveInGrid({ row: 0, col: 0 }, "left", size)).toBeNull();
    expect(moveInGrid({ row: 0, col: 3 }, "right", size)).toBeNull();
  });
});

describe("insertLineBreak", () => {
  it("replaces the selection with a line break and puts the caret after it", () => {
    expect(insertLineBreak(multiline("abcd", 2))).toEqual({ value: "ab\ncd", caret: 3 });
    expect(insertLineBreak(multiline("abcd", 1, 3))).toEqual({ value: "a\nd", caret: 2 });
  });
});
