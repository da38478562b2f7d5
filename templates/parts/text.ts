/**
 * Text builders: runs with bold/italic and line breaks, plain paragraphs, real Word lists (numbering
 * definitions from styles.ts, not "•" typed into the text) and rich text → paragraphs.
 */
import { Paragraph, Tab, TextRun, type ParagraphChild } from "docx";
import type { Block, Inline, RichText } from "../../app/domain/rich-text";
import { BULLET_LIST, NUMBERED_LIST } from "./styles";

export interface RunStyle {
  bold?: boolean;
  italic?: boolean;
  /** Font size in half-points, when it differs from the paragraph style's. */
  size?: number;
}

/**
 * One run per line (and per tab), so "\n" becomes a real line break and "\t" a real tab. docx drops
 * characters XML cannot hold (control characters), so user text needs no further cleaning here.
 */
export function textRuns(text: string, style: RunStyle = {}): TextRun[] {
  const runs: TextRun[] = [];
  text.split(/\r\n?|\n/).forEach((line, lineIndex) => {
    const children = line.split("\t").flatMap((part, i) => (i ? [new Tab(), part] : [part]));
    runs.push(
      new TextRun({
        children,
        break: lineIndex ? 1 : undefined,
        bold: style.bold || undefined,
        italics: style.italic || undefined,
        // Complex-script (Arabic, Hebrew …) bold and italic would only double every mark's XML.
        boldComplexScript: false,
        italicsComplexScript: false,
        size: style.size,
      }),
    );
  });
  return runs;
}

export function inlineRuns(content: Inline[], style: RunStyle = {}): ParagraphChild[] {
  return content.flatMap((run) =>
    textRuns(run.text, {
      bold: style.bold || run.bold,
      italic: style.italic || run.italic,
      size: style.size,
    }),
  );
}

export interface ParagraphOptions extends RunStyle {
  /** Left indent in twips (table rows one level down, for example). */
  indent?: number;
  style?: string;
  alignment?: "left" | "right";
  keepNext?: boolean;
}

export function paragraph(text: string | Inline[], options: ParagraphOptions = {}): Paragraph {
  const { bold, italic, size, indent, style, alignment, keepNext } = options;
  const runStyle = { bold, italic, size };
  return new Paragraph({
    children: typeof text === "string" ? textRuns(text, runStyle) : inlineRuns(text, runStyle),
    style,
    alignment,
    keepNext,
    indent: indent ? { left: indent } : undefined,
  });
}

export function boldParagraph(text: string, options: ParagraphOptions = {}): Paragraph {
  return paragraph(text, { ...options, bold: true });
}

export interface ListOptions {
  ordered?: boolean;
  level?: number;
  style?: string;
}

const itemText = (item: string | Inline[]) =>
  typeof item === "string" ? item : item.map((run) => run.text).join("");

/**
 * A real Word list; blank items are left out. Each numbered list restarts at 1 (`restart` on its
 * first item) without a counter, so the builder stays a pure function of its input.
 */
export function list(items: (string | Inline[])[], options: ListOptions = {}): Paragraph[] {
  const { ordered = false, level = 0, style } = options;
  return items
    .filter((item) => itemText(item).trim() !== "")
    .map(
      (item, i) =>
        new Paragraph({
          children: typeof item === "string" ? textRuns(item) : inlineRuns(item),
          style,
          numbering: {
            reference: ordered ? NUMBERED_LIST : BULLET_LIST,
            level,
            ...(ordered && i === 0 ? { restart: true } : {}),
          },
        }),
    );
}

export function bulletList(items: string[], options: Omit<ListOptions, "ordered"> = {}) {
  return list(items, options);
}

function blockParagraphs(block: Block): Paragraph[] {
  switch (block.type) {
    case "paragraph":
      return [paragraph(block.content)];
    case "heading":
      // A sub-heading inside a section's text: bold and kept with what follows, but not a Word
      // heading, so the navigation pane shows the document's structure, not the user's.
      return [paragraph(block.content, { bold: true, keepNext: true })];
    case "list":
      return list(block.items, { ordered: block.ordered });
  }
}

export function richTextParagraphs(text: RichText | null): Paragraph[] {
  if (!text) return [];
  return text.blocks.flatMap(blockParagraphs);
}
