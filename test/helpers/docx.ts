/**
 * Reading our Word documents back in tests with nothing but Node: the .docx is unzipped (fflate)
 * and its WordprocessingML parsed (@xmldom/xmldom) into the same block/inline tree that pandoc's
 * JSON writer produces (Header, Para, Plain, BulletList, OrderedList, Table, Str, Space, Strong,
 * Emph, Span for tracked changes …), so tests walk one shape with the helpers in ./pandoc.ts.
 *
 * It follows pandoc's docx reader where the tests depend on it: paragraphs in the Title and
 * Subtitle styles become metadata, empty paragraphs are dropped, consecutive list paragraphs form
 * one list (nested by level), table cells hold Plain blocks, and tracked changes are accepted,
 * rejected or kept as `insertion`/`deletion` spans (pandoc's `--track-changes=accept|reject|all`).
 * The independent readers (pandoc itself, LibreOffice) check the same documents in
 * `npm run test:documents` (test/documents/), including that this reader and pandoc agree.
 */
import { DOMParser, type Element, type Node as XmlNode } from "@xmldom/xmldom";
import { strFromU8, unzipSync } from "fflate";
import type { Document } from "docx";
import { renderDocx } from "../../templates/render";
import { nodesOfType, textOf, type PandocDoc, type PandocNode, type PandocTable } from "./pandoc";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

export type TrackChanges = "accept" | "reject" | "all";

export interface DocxParts {
  /** word/document.xml and the other XML parts, by path inside the zip. */
  files: Map<string, string>;
}

/** The zip's text parts (XML and relationships), by path. */
export function unzipDocx(buffer: Uint8Array): Map<string, string> {
  const entries = unzipSync(buffer, { filter: (file) => /\.(xml|rels)$/.test(file.name) });
  return new Map(Object.entries(entries).map(([name, data]) => [name, strFromU8(data)]));
}

function parseXml(xml: string): Element {
  return new DOMParser().parseFromString(xml, "text/xml").documentElement as unknown as Element;
}

function children(node: XmlNode | Element, localName?: string): Element[] {
  const out: Element[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    if (localName === undefined || element.localName === localName) out.push(element);
  }
  return out;
}

function child(node: Element, localName: string): Element | undefined {
  return children(node, localName)[0];
}

/** The first element named `localName` under `node`, depth first. */
function descendant(node: Element, localName: string): Element | undefined {
  for (const el of children(node)) {
    if (el.localName === localName) return el;
    const found = descendant(el, localName);
    if (found) return found;
  }
  return undefined;
}

function attr(node: Element | undefined, name: string): string | null {
  if (!node) return null;
  return node.getAttributeNS(W, name) ?? node.getAttribute(`w:${name}`);
}

/** A w:b/w:i style toggle: present and not switched off. */
function toggle(props: Element | undefined, name: string): boolean {
  const el = props && child(props, name);
  if (!el) return false;
  const val = attr(el, "val");
  return val === null || !["0", "false", "off"].includes(val);
}

// --- numbering ---------------------------------------------------------------------------------

interface Level {
  format: string;
  start: number;
}

interface Numbering {
  level(numId: string, ilvl: number): Level;
}

function readNumbering(xml: string | undefined): Numbering {
  const abstract = new Map<string, Map<number, Level>>();
  const nums = new Map<string, { abstractId: string; overrides: Map<number, number> }>();
  if (xml) {
    const root = parseXml(xml);
    for (const a of children(root, "abstractNum")) {
      const levels = new Map<number, Level>();
      for (const lvl of children(a, "lvl")) {
        levels.set(Number(attr(lvl, "ilvl")), {
          format: attr(child(lvl, "numFmt"), "val") ?? "decimal",
          start: Number(attr(child(lvl, "start"), "val") ?? 1),
        });
      }
      abstract.set(attr(a, "abstractNumId") ?? "", levels);
    }
    for (const num of children(root, "num")) {
      const overrides = new Map<number, number>();
      for (const o of children(num, "lvlOverride")) {
        const start = attr(child(o, "startOverride"), "val");
        if (start !== null) overrides.set(Number(attr(o, "ilvl")), Number(start));
      }
      nums.set(attr(num, "numId") ?? "", {
        abstractId: attr(child(num, "abstractNumId"), "val") ?? "",
        overrides,
      });
    }
  }
  return {
    level(numId, ilvl) {
      const num = nums.get(numId);
      const base = num && abstract.get(num.abstractId)?.get(ilvl);
      const level = base ?? { format: "bullet", start: 1 };
      const start = num?.overrides.get(ilvl);
      return start === undefined ? level : { ...level, start };
    },
  };
}

// --- inlines -----------------------------------------------------------------------------------

/** Text split into pandoc's Str and Space tokens. */
function words(text: string): PandocNode[] {
  const out: PandocNode[] = [];
  for (const part of text.split(/(\s+)/)) {
    if (part === "") continue;
    out.push(/^\s+$/.test(part) ? { t: "Space" } : { t: "Str", c: part });
  }
  return out;
}

interface Run {
  text: string | "\n";
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  change?: Change;
}

interface Change {
  kind: "insertion" | "deletion";
  author: string;
  date: string;
}

function changeOf(el: Element, kind: Change["kind"]): Change {
  return { kind, author: attr(el, "author") ?? "", date: attr(el, "date") ?? "" };
}

function runsOf(paragraph: Element, mode: TrackChanges): Run[] {
  const out: Run[] = [];
  const walk = (node: Element, change?: Change) => {
    for (const el of children(node)) {
      switch (el.localName) {
        case "r": {
          const props = child(el, "rPr");
          const base = {
            bold: toggle(props, "b"),
            italic: toggle(props, "i"),
            underline: Boolean(
              props && child(props, "u") && attr(child(props, "u")!, "val") !== "none",
            ),
            strike: toggle(props, "strike"),
            change,
          };
          for (const part of children(el)) {
            if (part.localName === "t" || part.localName === "delText") {
              out.push({ ...base, text: part.textContent ?? "" });
            } else if (part.localName === "tab") {
              out.push({ ...base, text: " " });
            } else if (part.localName === "br" || part.localName === "cr") {
              out.push({ ...base, text: "\n" });
            } else if (part.localName === "drawing") {
              // An image reads as its description (alt text), as pandoc reads it.
              const descr = descendant(part, "docPr")?.getAttribute("descr");
              if (descr) out.push({ ...base, text: descr });
            }
          }
          break;
        }
        case "ins":
          if (mode !== "reject") walk(el, mode === "all" ? changeOf(el, "insertion") : change);
          break;
        case "del":
          if (mode !== "accept") walk(el, mode === "all" ? changeOf(el, "deletion") : change);
          break;
        case "hyperlink":
        case "smartTag":
        case "sdt":
        case "sdtContent":
        case "fldSimple":
          walk(el, change);
          break;
        default:
          break;
      }
    }
  };
  walk(paragraph);
  return out;
}

/** Runs to inlines, grouping neighbours with the same marks as pandoc does. */
function inlinesOf(runs: Run[]): PandocNode[] {
  const out: PandocNode[] = [];
  let i = 0;
  while (i < runs.length) {
    const first = runs[i]!;
    const key = (r: Run) =>
      `${r.bold}${r.italic}${r.underline}${r.strike}${r.change ? JSON.stringify(r.change) : ""}`;
    let text = "";
    const group: PandocNode[] = [];
    const flush = () => {
      group.push(...words(text));
      text = "";
    };
    while (i < runs.length && key(runs[i]!) === key(first)) {
      const run = runs[i]!;
      if (run.text === "\n") {
        flush();
        group.push({ t: "LineBreak" });
      } else text += run.text;
      i++;
    }
    flush();
    let inlines = group;
    if (first.strike) inlines = [{ t: "Strikeout", c: inlines }];
    if (first.underline) inlines = [{ t: "Underline", c: inlines }];
    if (first.italic) inlines = [{ t: "Emph", c: inlines }];
    if (first.bold) inlines = [{ t: "Strong", c: inlines }];
    if (first.change) {
      const { kind, author, date } = first.change;
      const attributes = [
        ["author", author],
        ["date", date],
      ].filter(([, value]) => value !== "");
      inlines = [{ t: "Span", c: [["", [kind], attributes], inlines] }];
    }
    out.push(...inlines);
  }
  // Leading and trailing spaces are not content (pandoc trims them too).
  while (out[0]?.t === "Space") out.shift();
  while (out.at(-1)?.t === "Space") out.pop();
  return out;
}

// --- blocks ------------------------------------------------------------------------------------

interface ListItemParagraph {
  numId: string;
  ilvl: number;
  inlines: PandocNode[];
}

interface Context {
  numbering: Numbering;
  styles: Map<string, { name: string; numId?: string; ilvl?: number }>;
  mode: TrackChanges;
  meta: { title?: string; subtitle?: string };
  counters: Map<string, number>;
}

const HEADING = /^heading\s*(\d)$/i;

function paragraphStyle(p: Element, ctx: Context) {
  const props = child(p, "pPr");
  const styleId = attr(props && child(props, "pStyle"), "val") ?? "";
  const style = ctx.styles.get(styleId);
  const numPr = props && child(props, "numPr");
  const numId = attr(numPr && child(numPr, "numId"), "val") ?? style?.numId;
  const ilvl = Number(attr(numPr && child(numPr, "ilvl"), "val") ?? style?.ilvl ?? 0);
  return {
    styleName: style?.name ?? styleId,
    numId: numId && numId !== "0" ? numId : undefined,
    ilvl,
  };
}

/** Builds nested lists from consecutive list paragraphs (pandoc nests deeper levels in the item). */
function buildList(
  items: ListItemParagraph[],
  ctx: Context,
  blockType: "Para" | "Plain",
): PandocNode[] {
  const out: PandocNode[] = [];
  let i = 0;
  while (i < items.length) {
    const first = items[i]!;
    const level = ctx.numbering.level(first.numId, first.ilvl);
    const ordered = level.format !== "bullet" && level.format !== "none";
    const entries: PandocNode[][] = [];
    const counterKey = `${first.numId}:${first.ilvl}`;
    const start = ctx.counters.get(counterKey) ?? level.start;
    while (i < items.length && items[i]!.ilvl >= first.ilvl) {
      const item = items[i]!;
      if (item.ilvl === first.ilvl) {
        if (item.numId !== first.numId) break;
        entries.push([{ t: blockType, c: item.inlines }]);
        i++;
      } else {
        const nested: ListItemParagraph[] = [];
        while (i < items.length && items[i]!.ilvl > first.ilvl) nested.push(items[i++]!);
        const target = entries.at(-1) ?? (entries.push([]), entries.at(-1)!);
        target.push(...buildList(nested, ctx, blockType));
      }
    }
    ctx.counters.set(counterKey, start + entries.length);
    out.push(
      ordered
        ? { t: "OrderedList", c: [[start, { t: "Decimal" }, { t: "Period" }], entries] }
        : { t: "BulletList", c: entries },
    );
  }
  return out;
}

function blocksOf(container: Element, ctx: Context, inCell: boolean): PandocNode[] {
  const out: PandocNode[] = [];
  const textBlock = inCell ? "Plain" : "Para";
  let pending: ListItemParagraph[] = [];
  let carried: Run[] = [];
  const flushList = () => {
    if (pending.length) out.push(...buildList(pending, ctx, textBlock));
    pending = [];
  };
  const visit = (el: Element) => {
    if (el.localName === "sdt") {
      const content = child(el, "sdtContent");
      if (content) children(content).forEach(visit);
      return;
    }
    if (el.localName === "tbl") {
      flushList();
      out.push(tableOf(el, ctx));
      return;
    }
    if (el.localName !== "p") return;
    const { styleName, numId, ilvl } = paragraphStyle(el, ctx);
    const heading = HEADING.exec(styleName);
    if (heading) {
      // As in pandoc, a heading stands alone: it neither takes nor gives text across a tracked
      // paragraph mark, and it stays (empty) when all its text is tracked away.
      const inlines = inlinesOf(runsOf(el, ctx.mode));
      if (inlines.length === 0 && runsOf(el, "all").length === 0) return;
      flushList();
      out.push({ t: "Header", c: [Number(heading[1]), ["", [], []], inlines] });
      return;
    }
    const runs = [...carried, ...runsOf(el, ctx.mode)];
    carried = [];
    // A paragraph mark that is gone once the changes are accepted (deleted) or rejected
    // (inserted) joins this paragraph's text to the next one, as Word does.
    const markProps = child(el, "pPr") && child(child(el, "pPr")!, "rPr");
    const markGone =
      (ctx.mode === "accept" && markProps && child(markProps, "del")) ||
      (ctx.mode === "reject" && markProps && child(markProps, "ins"));
    if (markGone && el.nextSibling) {
      carried = runs;
      // pandoc keeps the list item, empty, when its text moves on to the next paragraph.
      if (numId) pending.push({ numId, ilvl, inlines: [] });
      return;
    }
    const inlines = inlinesOf(runs);
    if (inlines.length === 0) {
      // pandoc keeps a list item whose text is all tracked away; other empty paragraphs go.
      if (numId && runsOf(el, "all").length > 0) pending.push({ numId, ilvl, inlines });
      return;
    }
    if (/^title$/i.test(styleName) || /^subtitle$/i.test(styleName)) {
      const text = textOf(inlines);
      if (/^title$/i.test(styleName)) ctx.meta.title = text;
      else ctx.meta.subtitle = text;
      return;
    }
    if (numId) {
      pending.push({ numId, ilvl, inlines });
      return;
    }
    flushList();
    out.push({ t: textBlock, c: inlines });
  };
  children(container).forEach(visit);
  flushList();
  return out;
}

function tableOf(tbl: Element, ctx: Context): PandocNode {
  type Cell = [unknown, unknown, number, number, PandocNode[]];
  const head: [unknown, Cell[]][] = [];
  const body: [unknown, Cell[]][] = [];
  // Vertically merged cells continue the cell above: count them into its row span.
  const openMerges = new Map<number, Cell>();
  for (const tr of children(tbl, "tr")) {
    const cells: Cell[] = [];
    let column = 0;
    for (const tc of children(tr, "tc")) {
      const props = child(tc, "tcPr");
      const span = Number(attr(props && child(props, "gridSpan"), "val") ?? 1);
      const vMerge = props && child(props, "vMerge");
      const mergeValue = vMerge ? (attr(vMerge, "val") ?? "continue") : null;
      if (mergeValue === "continue" && openMerges.has(column)) {
        openMerges.get(column)![2] += 1;
      } else {
        const cell: Cell = [["", [], []], { t: "AlignDefault" }, 1, span, blocksOf(tc, ctx, true)];
        cells.push(cell);
        if (mergeValue === "restart") openMerges.set(column, cell);
        else openMerges.delete(column);
      }
      column += span;
    }
    const rowProps = child(tr, "trPr");
    const isHeader = Boolean(rowProps && child(rowProps, "tblHeader"));
    (isHeader && body.length === 0 ? head : body).push([["", [], []], cells]);
  }
  const table: PandocTable = [
    ["", [], []],
    [null, []],
    [],
    [["", [], []], head as PandocTable[3][1]],
    [[["", [], []], 0, [], body as PandocTable[3][1]]],
    [["", [], []], []],
  ];
  return { t: "Table", c: table };
}

function readStyles(xml: string | undefined) {
  const styles = new Map<string, { name: string; numId?: string; ilvl?: number }>();
  if (!xml) return styles;
  for (const style of children(parseXml(xml), "style")) {
    const id = attr(style, "styleId") ?? "";
    const name = attr(child(style, "name"), "val") ?? id;
    const numPr = child(style, "pPr") && child(child(style, "pPr")!, "numPr");
    const numId = attr(numPr && child(numPr, "numId"), "val") ?? undefined;
    const ilvl = numPr ? Number(attr(child(numPr, "ilvl"), "val") ?? 0) : undefined;
    styles.set(id, { name, numId, ilvl });
  }
  return styles;
}

// --- the document ------------------------------------------------------------------------------

export interface ReadDocx {
  /** Pandoc-shaped blocks of the body (headers and footers are not part of it, as in pandoc). */
  ast: PandocDoc;
  meta: { title?: string; subtitle?: string };
  /** All text of the body, one line per paragraph (table cells included). */
  text: string;
  /** Plain text in the spirit of `pandoc -t plain`: blocks separated by blank lines. */
  plain: string;
  headings: [number, string][];
  /** Every table's cells as text, row by row (header rows first). */
  tables: string[][][];
  /** Every item of every bullet list, nested lists' items as their own entries. */
  bullets: string[];
  /** Each numbered list with its first number. */
  orderedLists: { start: number; items: string[] }[];
  /** The text of the page headers and footers (pandoc does not read them). */
  headerText: string;
  footerText: string;
  /** The XML parts, for assertions on what no reader shows (colours, fields, settings). */
  files: Map<string, string>;
}

function partsText(files: Map<string, string>, pattern: RegExp, mode: TrackChanges): string {
  const ctx = emptyContext(mode);
  return [...files.keys()]
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => textOf(blocksOf(parseXml(files.get(name)!), ctx, false)))
    .join("\n");
}

function emptyContext(mode: TrackChanges, files?: Map<string, string>): Context {
  return {
    numbering: readNumbering(files?.get("word/numbering.xml")),
    styles: readStyles(files?.get("word/styles.xml")),
    mode,
    meta: {},
    counters: new Map(),
  };
}

function plainOf(blocks: PandocNode[]): string {
  const blockText = (block: PandocNode, indent: string): string => {
    switch (block.t) {
      case "BulletList":
        return (block.c as PandocNode[][])
          .map(
            (item) =>
              `${indent}-   ${item.map((b) => blockText(b, `${indent}    `).trimStart()).join("\n")}`,
          )
          .join("\n");
      case "OrderedList": {
        const [[start], items] = block.c as [[number], PandocNode[][]];
        return items
          .map(
            (item, n) =>
              `${indent}${start + n}.  ${item.map((b) => blockText(b, `${indent}    `).trimStart()).join("\n")}`,
          )
          .join("\n");
      }
      case "Table": {
        const [, , , head, bodies] = block.c as PandocTable;
        const rows = [...head[1], ...bodies.flatMap((b) => [...b[2], ...b[3]])];
        return rows
          .map(([, cells]) => cells.map((cell) => textOf(cell[4]).replace(/\n/g, " ")).join("  "))
          .join("\n");
      }
      default:
        return indent + textOf(block);
    }
  };
  return blocks.map((b) => blockText(b, "")).join("\n\n");
}

/** Reads a rendered .docx (a Buffer) or renders a docx Document first. */
export async function readDocx(
  input: Uint8Array | Document,
  options: { trackChanges?: TrackChanges } = {},
): Promise<ReadDocx> {
  const buffer = input instanceof Uint8Array ? input : await renderDocx(input);
  return readDocxBuffer(buffer, options);
}

export function readDocxBuffer(
  buffer: Uint8Array,
  { trackChanges = "accept" }: { trackChanges?: TrackChanges } = {},
): ReadDocx {
  const files = unzipDocx(buffer);
  const document = files.get("word/document.xml");
  if (!document) throw new Error("Not a Word document: word/document.xml is missing");
  const ctx = emptyContext(trackChanges, files);
  const body = child(parseXml(document), "body");
  const blocks = body ? blocksOf(body, ctx, false) : [];
  const ast: PandocDoc = { blocks };
  return {
    ast,
    meta: ctx.meta,
    text: textOf(blocks),
    plain: plainOf(blocks),
    headings: nodesOfType(blocks, "Header").map((h) => {
      const [level, , inlines] = h.c as [number, unknown, PandocNode[]];
      return [level, textOf(inlines)];
    }),
    tables: nodesOfType(blocks, "Table").map((table) => {
      const [, , , head, bodies, foot] = table.c as PandocTable;
      const rows = [...head[1], ...bodies.flatMap((b) => [...b[2], ...b[3]]), ...foot[1]];
      return rows.map(([, cells]) => cells.map((cell) => textOf(cell[4])));
    }),
    bullets: nodesOfType(blocks, "BulletList").flatMap((list) =>
      (list.c as PandocNode[][]).map((item) =>
        textOf(item.filter((b) => b.t !== "BulletList" && b.t !== "OrderedList")),
      ),
    ),
    orderedLists: nodesOfType(blocks, "OrderedList").map((list) => {
      const [[start], items] = list.c as [[number], PandocNode[][]];
      return {
        start,
        items: items.map((item) =>
          textOf(item.filter((b) => b.t !== "BulletList" && b.t !== "OrderedList")),
        ),
      };
    }),
    headerText: partsText(files, /^word\/header\d*\.xml$/, trackChanges),
    footerText: partsText(files, /^word\/footer\d*\.xml$/, trackChanges),
    files,
  };
}

/** The visible text of one WordprocessingML part (its w:t elements joined as they are). */
export function xmlPartText(xml: string): string {
  // A fragment cut out of a part (e.g. one table row) has no namespace declarations of its own.
  const root = parseXml(
    xml.startsWith("<?xml") ? xml : `<fragment xmlns:w="${W}">${xml}</fragment>`,
  );
  return Array.from(root.getElementsByTagNameNS(W, "t"))
    .map((t) => t.textContent ?? "")
    .join("");
}
