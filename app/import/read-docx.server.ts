/**
 * Reading an uploaded delaftale (.docx) into a `SourceDocument`: every heading, paragraph, list
 * item and table cell paragraph as a numbered `TextBlock`, tables with their merged cells, bold
 * and italic kept. mammoth does the Word part (styles, numbering, tables, footnotes) and yields
 * HTML; htmlparser2 parses that HTML and this module walks it. No database, no file system.
 *
 * Nothing is dropped on the way: empty paragraphs stay (as empty blocks, so positions match what
 * the user sees in Word), footnotes and endnotes come last as paragraphs, and what is left out on
 * purpose (images) is named in `warnings`.
 */
import type { ChildNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import type { Inline, SourceDocument, SourceTable, TextBlock } from "~/domain/import/types";
import { checkDocxFile, ImportFileError } from "./docx-file.server";
import { slimDocx, type SlimDocx } from "./slim-docx.server";
import { countWords } from "./words";

/** Word's Title style is the agreement's title: read it as a level 1 heading. Heading 1-6 → h1-h6 is mammoth's default. */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p.Title => h1:fresh"];

export const IMAGES_LEFT_OUT_WARNING = "Billeder i filen er ikke taget med";
export const TRACKED_CHANGES_WARNING =
  "Filen indeholder registrerede ændringer; de er læst, som om de var accepteret";
export const COMMENTS_LEFT_OUT_WARNING = "Kommentarer i filen er ikke taget med";
export const HEADER_LEFT_OUT_WARNING = "Tekst i sidehoved og sidefod er ikke taget med";

/**
 * Manual bullets: a paragraph that starts with one of these and a space or tab is a bulleted list
 * item ("•", "·", "▪", "-", "–", "—", "o", and the Symbol/Wingdings bullets pasted from Word as
 * private-use characters). Numbers ("1.") are left alone: dates like "1. marts 2017" start so.
 */
const MANUAL_BULLET = /^\s*[•·▪◦■●\-–—o\uF0B7\uF0A7][^\S\n]+(?=\S)/;

const HEADING = /^h([1-6])$/;
const BLOCK_TAGS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "div"]);
const NOTE_ITEM = /^(footnote|endnote)-/;
const NOTE_BACK_LINK = /^#(footnote|endnote)-ref-/;

type Cell = NonNullable<TextBlock["cell"]>;

/** Where the blocks being read go: the document body, or one table cell. */
interface Context {
  cell: Cell | null;
  /** The cell's block and table indexes (null in the body). */
  blocks: number[] | null;
  tables: number[] | null;
}

interface Marks {
  bold?: boolean;
  italic?: boolean;
}

/** Reads a .docx (checked first: see `checkDocxFile`) into blocks and tables. */
export async function readAgreementDocx(
  bytes: Uint8Array,
  fileName: string,
): Promise<SourceDocument> {
  checkDocxFile(bytes, fileName);

  let images = 0;
  let html: string;
  let slim: SlimDocx;
  try {
    slim = slimDocx(bytes);
    // Loaded on the first import, not with the server (mammoth and its dependencies take ~0.1 s).
    const { default: mammoth } = await import("mammoth");
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(slim.bytes.buffer, slim.bytes.byteOffset, slim.bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        ignoreEmptyParagraphs: false,
        // Images are counted, never read: the agreement has no place for them.
        convertImage: mammoth.images.imgElement(() => {
          images += 1;
          return Promise.resolve({ src: "" });
        }),
      },
    );
    html = result.value;
  } catch {
    throw new ImportFileError("corrupt", fileName);
  }

  let document: SourceDocument;
  try {
    document = readHtml(html);
  } catch {
    // Only a pathological file gets here (nesting deep enough to exhaust the stack).
    throw new ImportFileError("corrupt", fileName);
  }
  if (document.wordCount === 0) throw new ImportFileError("no-text", fileName);
  if (images > 0) document.warnings.push(IMAGES_LEFT_OUT_WARNING);
  if (slim.trackedChanges) document.warnings.push(TRACKED_CHANGES_WARNING);
  if (slim.comments) document.warnings.push(COMMENTS_LEFT_OUT_WARNING);
  if (slim.headerText) document.warnings.push(HEADER_LEFT_OUT_WARNING);
  return document;
}

/** Walks mammoth's HTML into a SourceDocument (exported for tests of the HTML shapes). */
export function readHtml(html: string): SourceDocument {
  const reader = new HtmlReader();
  reader.walkBlocks(parseDocument(html).children, { cell: null, blocks: null, tables: null });
  return {
    blocks: reader.blocks,
    tables: reader.tables,
    body: reader.body,
    wordCount: reader.blocks.reduce((sum, block) => sum + countWords(block.text), 0),
    warnings: [],
  };
}

class HtmlReader {
  blocks: TextBlock[] = [];
  tables: SourceTable[] = [];
  body: SourceDocument["body"] = [];

  /** Block-level content: paragraphs, headings, lists, tables; stray inline content as a paragraph. */
  walkBlocks(nodes: ChildNode[], context: Context): void {
    let pending: Inline[] = [];
    let hasPending = false;
    const flush = () => {
      if (hasPending && pending.some((run) => run.text.trim())) {
        this.addBlock("paragraph", 0, false, 0, pending, context);
      }
      pending = [];
      hasPending = false;
    };
    for (const node of nodes) {
      if (node.type !== "tag" || !BLOCK_TAGS.has(node.name)) {
        collectInlines(node, {}, pending);
        hasPending = true;
        continue;
      }
      flush();
      const heading = HEADING.exec(node.name);
      if (heading) {
        this.addBlock("heading", Number(heading[1]), false, 0, inlinesOf(node), context);
      } else if (node.name === "p") {
        this.addBlock("paragraph", 0, false, 0, inlinesOf(node), context);
      } else if (node.name === "ul" || node.name === "ol") {
        if (isNoteList(node)) {
          // Footnotes and endnotes (mammoth lists them at the end): kept as plain paragraphs.
          for (const item of elementChildren(node)) this.walkBlocks(item.children, context);
        } else {
          this.walkList(node, 0, context);
        }
      } else if (node.name === "table") {
        this.readTable(node, context);
      } else {
        this.walkBlocks(node.children, context);
      }
    }
    flush();
  }

  /** A ul/ol: each li's own text is one list item; nested lists go one level deeper. */
  walkList(list: Element, depth: number, context: Context): void {
    const ordered = list.name === "ol";
    for (const item of elementChildren(list)) {
      let pending: Inline[] = [];
      let emitted = false;
      const flush = (always: boolean) => {
        if (always || pending.some((run) => run.text.trim())) {
          this.addBlock("listItem", 0, ordered, depth, pending, context);
          emitted = true;
        }
        pending = [];
      };
      for (const node of item.children) {
        if (node.type !== "tag" || !BLOCK_TAGS.has(node.name)) {
          collectInlines(node, {}, pending);
        } else if (node.name === "ul" || node.name === "ol") {
          flush(false);
          this.walkList(node, depth + 1, context);
        } else if (node.name === "p" || HEADING.test(node.name)) {
          flush(false);
          this.addBlock("listItem", 0, ordered, depth, inlinesOf(node), context);
          emitted = true;
        } else {
          flush(false);
          this.walkBlocks([node], context);
        }
      }
      // An item with no text of its own still counts, unless it only wraps a nested list.
      flush(
        !emitted && !item.children.some((node) => node.type === "tag" && BLOCK_TAGS.has(node.name)),
      );
    }
  }

  readTable(element: Element, context: Context): void {
    const table: SourceTable = { index: this.tables.length, rows: [] };
    this.tables.push(table);
    if (context.tables) context.tables.push(table.index);
    else if (!context.cell) this.body.push({ table: table.index });

    // Rows still covered by a cell merged from above, per grid column.
    const covered: number[] = [];
    tableRows(element).forEach((row, rowIndex) => {
      const cells: SourceTable["rows"][number]["cells"] = [];
      table.rows.push({ cells });
      let column = 0;
      for (const cellElement of elementChildren(row)) {
        if (cellElement.name !== "td" && cellElement.name !== "th") continue;
        while ((covered[column] ?? 0) > 0) column += 1;
        const colSpan = spanOf(cellElement.attribs.colspan);
        const rowSpan = spanOf(cellElement.attribs.rowspan);
        const cell = { colSpan, rowSpan, blocks: [] as number[], tables: [] as number[] };
        cells.push(cell);
        this.walkBlocks(cellElement.children, {
          cell: { table: table.index, row: rowIndex, column, colSpan },
          blocks: cell.blocks,
          tables: cell.tables,
        });
        for (let k = column; k < column + colSpan; k += 1) covered[k] = rowSpan;
        column += colSpan;
      }
      for (let k = 0; k < covered.length; k += 1) if (covered[k]! > 0) covered[k]! -= 1;
    });
  }

  addBlock(
    kind: TextBlock["kind"],
    level: number,
    ordered: boolean,
    depth: number,
    runs: Inline[],
    context: Context,
  ): void {
    let content = mergeRuns(runs);
    if (kind === "paragraph") {
      const bullet = MANUAL_BULLET.exec(runsText(content));
      if (bullet) {
        content = dropLeadingChars(content, bullet[0].length);
        kind = "listItem";
      }
    }
    const text = plainText(content);
    const block: TextBlock = {
      index: this.blocks.length,
      kind,
      level,
      ordered,
      depth,
      content,
      text,
      bold: text !== "" && content.every((run) => run.bold || !run.text.trim()),
      cell: context.cell ? { ...context.cell } : null,
    };
    this.blocks.push(block);
    if (context.blocks) context.blocks.push(block.index);
    else if (!context.cell) this.body.push({ block: block.index });
  }
}

function elementChildren(element: Element): Element[] {
  return element.children.filter((node): node is Element => node.type === "tag");
}

function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of elementChildren(table)) {
    if (child.name === "tr") rows.push(child);
    else if (child.name === "thead" || child.name === "tbody" || child.name === "tfoot") {
      rows.push(...elementChildren(child).filter((row) => row.name === "tr"));
    }
  }
  return rows;
}

function spanOf(attribute: string | undefined): number {
  const span = Number.parseInt(attribute ?? "1", 10);
  return Number.isFinite(span) && span >= 1 ? Math.min(span, 1000) : 1;
}

function isNoteList(list: Element): boolean {
  const items = elementChildren(list);
  return items.length > 0 && items.every((item) => NOTE_ITEM.test(item.attribs.id ?? ""));
}

function inlinesOf(element: Element): Inline[] {
  const runs: Inline[] = [];
  for (const node of element.children) collectInlines(node, {}, runs);
  return runs;
}

/** Text runs with their marks; a line break (br) is its own run "\n". */
function collectInlines(node: ChildNode, marks: Marks, out: Inline[]): void {
  if (node.type === "text") {
    out.push({ text: node.data, ...marks });
    return;
  }
  if (node.type !== "tag") return;
  switch (node.name) {
    case "br":
      out.push({ text: "\n" });
      return;
    case "img":
      return;
    case "strong":
    case "b":
      marks = { ...marks, bold: true };
      break;
    case "em":
    case "i":
      marks = { ...marks, italic: true };
      break;
    case "a":
      // The "↑" link back from a footnote to its reference is mammoth's, not the author's.
      if (NOTE_BACK_LINK.test(node.attribs.href ?? "")) return;
      break;
  }
  for (const child of node.children) collectInlines(child, marks, out);
}

/** Joins neighbouring runs with the same marks and drops empty ones; line breaks stay apart. */
function mergeRuns(runs: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const run of runs) {
    if (!run.text) continue;
    const last = out[out.length - 1];
    if (
      last &&
      run.text !== "\n" &&
      last.text !== "\n" &&
      Boolean(last.bold) === Boolean(run.bold) &&
      Boolean(last.italic) === Boolean(run.italic)
    ) {
      last.text += run.text;
    } else {
      out.push({ ...run });
    }
  }
  return out;
}

function runsText(runs: Inline[]): string {
  return runs.map((run) => run.text).join("");
}

/** The plain text: whitespace runs collapsed to one space, each line trimmed, blank ends dropped. */
function plainText(runs: Inline[]): string {
  return runsText(runs)
    .split("\n")
    .map((line) => line.replace(/[^\S\n]+/g, " ").trim())
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}

function dropLeadingChars(runs: Inline[], count: number): Inline[] {
  const out: Inline[] = [];
  let left = count;
  for (const run of runs) {
    if (left >= run.text.length) {
      left -= run.text.length;
      continue;
    }
    out.push({ ...run, text: run.text.slice(left) });
    left = 0;
  }
  return out;
}
