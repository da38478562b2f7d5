/**
 * Rich text for long agreement sections (problem statement, method, content of an activity …):
 * paragraphs, sub-headings, bullet and numbered lists and bold/italic. Stored as a small JSON
 * structure (never raw HTML) so the screen and Word render the same thing. Users write it in a
 * textarea with a few Markdown conventions, parsed by mdast-util-from-markdown and written back
 * by mdast-util-to-markdown; anything beyond our blocks is kept as plain text.
 */
import type { Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { toMarkdown } from "mdast-util-to-markdown";

export interface Inline {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type Block =
  | { type: "paragraph"; content: Inline[] }
  | { type: "heading"; content: Inline[] }
  | { type: "list"; ordered: boolean; items: Inline[][] };

export interface RichText {
  blocks: Block[];
}

export const RICH_TEXT_HINT =
  "Adskil afsnit med en tom linje. Start en linje med ## for en underoverskrift, med - for et punkt i en punktliste og med 1. for et punkt i en nummereret liste. Skriv **fed** med to stjerner på hver side.";

function inlines(
  nodes: PhrasingContent[],
  marks: { bold?: boolean; italic?: boolean } = {},
): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case "text":
      case "inlineCode":
        out.push({ text: node.value, ...marks });
        break;
      case "strong":
        out.push(...inlines(node.children, { ...marks, bold: true }));
        break;
      case "emphasis":
        out.push(...inlines(node.children, { ...marks, italic: true }));
        break;
      case "break":
        out.push({ text: "\n", ...marks });
        break;
      case "link":
      case "delete":
        out.push(...inlines(node.children as PhrasingContent[], marks));
        break;
      case "html":
        // Raw HTML is shown as the text the user typed, never interpreted.
        out.push({ text: node.value, ...marks });
        break;
      default:
        if ("value" in node && typeof node.value === "string")
          out.push({ text: node.value, ...marks });
    }
  }
  return mergeInlines(out);
}

/** Joins neighbouring runs with the same marks, and drops empty ones. */
function mergeInlines(runs: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const run of runs) {
    if (!run.text) continue;
    const last = out[out.length - 1];
    if (
      last &&
      Boolean(last.bold) === Boolean(run.bold) &&
      Boolean(last.italic) === Boolean(run.italic)
    ) {
      last.text += run.text;
    } else {
      out.push({
        text: run.text,
        ...(run.bold ? { bold: true } : {}),
        ...(run.italic ? { italic: true } : {}),
      });
    }
  }
  return out;
}

function listItemInlines(item: ListItem): Inline[] {
  const runs: Inline[] = [];
  for (const child of item.children) {
    if (runs.length) runs.push({ text: " " });
    runs.push(...blockInlines(child));
  }
  return mergeInlines(runs);
}

/** Any block flattened to inline text (for nested lists, quotes, code in unusual places). */
function blockInlines(node: RootContent): Inline[] {
  if (node.type === "paragraph" || node.type === "heading") return inlines(node.children);
  if (node.type === "list") {
    return mergeInlines(
      node.children.flatMap((item, i) => [
        ...(i ? [{ text: "; " }] : []),
        ...listItemInlines(item),
      ]),
    );
  }
  if ("children" in node && Array.isArray(node.children)) {
    return mergeInlines((node.children as RootContent[]).flatMap((c) => blockInlines(c)));
  }
  if ("value" in node && typeof node.value === "string") return [{ text: node.value }];
  return [];
}

/** Parses the textarea's text into rich text. Empty text gives no blocks. */
export function parseRichText(markdown: string): RichText {
  const root = fromMarkdown(markdown.replace(/\r\n?/g, "\n"));
  const blocks: Block[] = [];
  for (const node of root.children) {
    if (node.type === "heading") {
      blocks.push({ type: "heading", content: inlines(node.children) });
    } else if (node.type === "list") {
      blocks.push({
        type: "list",
        ordered: Boolean(node.ordered),
        items: node.children.map(listItemInlines).filter((i) => i.length),
      });
    } else if (node.type === "thematicBreak" || node.type === "definition") {
      continue;
    } else {
      const content = blockInlines(node);
      if (content.length) blocks.push({ type: "paragraph", content });
    }
  }
  return { blocks: blocks.filter((b) => (b.type === "list" ? b.items.length : b.content.length)) };
}

function toPhrasing(runs: Inline[]): PhrasingContent[] {
  return runs.map((run) => {
    let node: PhrasingContent = { type: "text", value: run.text };
    if (run.italic) node = { type: "emphasis", children: [node] };
    if (run.bold) node = { type: "strong", children: [node] };
    return node;
  });
}

/** Writes rich text back as the text the user edits (the inverse of parseRichText). */
export function richTextToMarkdown(text: RichText | null | undefined): string {
  if (!text?.blocks.length) return "";
  const children: RootContent[] = text.blocks.map((block): RootContent => {
    if (block.type === "heading") {
      return { type: "heading", depth: 2, children: toPhrasing(block.content) } satisfies Heading;
    }
    if (block.type === "list") {
      return {
        type: "list",
        ordered: block.ordered,
        spread: false,
        children: block.items.map((item): ListItem => ({
          type: "listItem",
          spread: false,
          children: [{ type: "paragraph", children: toPhrasing(item) } satisfies Paragraph],
        })),
      } satisfies List;
    }
    return { type: "paragraph", children: toPhrasing(block.content) } satisfies Paragraph;
  });
  const root: Root = { type: "root", children };
  return toMarkdown(root, { bullet: "-", emphasis: "_", strong: "*" }).trim();
}

/** The text without formatting (for search, previews and word counts). */
export function richTextToPlain(text: RichText | null | undefined): string {
  if (!text) return "";
  return text.blocks
    .map((b) =>
      b.type === "list"
        ? b.items.map((i) => `• ${i.map((r) => r.text).join("")}`).join("\n")
        : b.content.map((r) => r.text).join(""),
    )
    .join("\n\n");
}

export function isRichTextEmpty(text: RichText | null | undefined): boolean {
  return !text || text.blocks.length === 0;
}

/** Rich text from plain paragraphs (used for the standard texts). */
export function richTextFromParagraphs(paragraphs: string[]): RichText {
  return {
    blocks: paragraphs.map((p) => ({ type: "paragraph" as const, content: [{ text: p }] })),
  };
}
