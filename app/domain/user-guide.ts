/**
 * The user guide (docs/brugervejledning.md) as plain, serialisable blocks for the help page.
 *
 * The markdown's syntax tree (mdast) is reduced to the few node kinds the guide uses: headings
 * with ids, paragraphs, lists, emphasis, strong, links, images, inline and block code, quotes and
 * rules. Anything else (raw HTML above all) is dropped or kept only as its text, so the page is
 * always built from React elements and never from markup in the file. Links keep only safe
 * targets, and images only the guide's own pictures, rewritten to the help page's image route.
 */
import type { Nodes, PhrasingContent, Root, RootContent } from "mdast";

export type GuideInline =
  | { type: "text"; value: string }
  | { type: "strong" | "emphasis"; children: GuideInline[] }
  | { type: "link"; href: string; children: GuideInline[] }
  | { type: "image"; src: string; alt: string }
  | { type: "code"; value: string }
  | { type: "break" };

export type GuideBlock =
  | { type: "heading"; depth: 2 | 3 | 4; id: string; children: GuideInline[] }
  | { type: "paragraph"; children: GuideInline[] }
  | { type: "list"; ordered: boolean; start: number; items: GuideBlock[][] }
  | { type: "code"; value: string }
  | { type: "quote"; children: GuideBlock[] }
  | { type: "rule" };

export interface GuideChapter {
  id: string;
  title: string;
}

export interface Guide {
  title: string;
  chapters: GuideChapter[];
  blocks: GuideBlock[];
}

/** Where the help page serves the guide's pictures from. */
export const GUIDE_IMAGE_PATH = "/hjaelp/billeder/";

/** A picture's file name: lower-case letters, digits and hyphens, then .png. Nothing else. */
export const GUIDE_IMAGE_NAME = /^[a-z0-9][a-z0-9-]{0,80}\.png$/;

/** The guide's own pictures, as the markdown refers to them relative to docs/. */
const GUIDE_IMAGE_SRC = /^(?:\.\/)?brugervejledning\/([a-z0-9][a-z0-9-]{0,80}\.png)$/;

const SAFE_HREF = /^(?:https?:\/\/|mailto:|#|\/(?!\/))/i;

/** A heading's anchor: Danish letters spelled out, everything else but letters and digits a hyphen. */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "afsnit";
}

function plainText(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if (node.type === "image") return node.alt ?? "";
  if ("children" in node) return node.children.map((c) => plainText(c as Nodes)).join("");
  return "";
}

function inlines(nodes: PhrasingContent[]): GuideInline[] {
  const out: GuideInline[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case "text":
        out.push({ type: "text", value: node.value });
        break;
      case "strong":
      case "emphasis":
        out.push({ type: node.type, children: inlines(node.children) });
        break;
      case "inlineCode":
        out.push({ type: "code", value: node.value });
        break;
      case "break":
        out.push({ type: "break" });
        break;
      case "link":
        if (SAFE_HREF.test(node.url)) {
          out.push({ type: "link", href: node.url, children: inlines(node.children) });
        } else {
          out.push(...inlines(node.children));
        }
        break;
      case "image": {
        const match = GUIDE_IMAGE_SRC.exec(node.url);
        if (match)
          out.push({ type: "image", src: `${GUIDE_IMAGE_PATH}${match[1]}`, alt: node.alt ?? "" });
        else if (node.alt) out.push({ type: "text", value: node.alt });
        break;
      }
      default: {
        // Raw HTML, footnote references and the like: only their text, if any.
        const text = plainText(node);
        if (text && node.type !== "html") out.push({ type: "text", value: text });
      }
    }
  }
  return out;
}

/**
 * Turns the parsed guide into the help page's blocks. The first level-1 heading is the page's
 * title (the page has exactly one h1); every level-2 heading is a chapter in the table of
 * contents. Headings get unique ids, deeper levels are capped at h4.
 */
export function buildGuide(root: Root): Guide {
  let title = "Brugervejledning";
  let titleSeen = false;
  const chapters: GuideChapter[] = [];
  const used = new Map<string, number>();

  function uniqueId(text: string): string {
    const base = slugify(text);
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  }

  function blocks(nodes: RootContent[]): GuideBlock[] {
    const out: GuideBlock[] = [];
    for (const node of nodes) {
      switch (node.type) {
        case "heading": {
          const text = plainText(node).trim();
          if (node.depth === 1 && !titleSeen) {
            titleSeen = true;
            title = text;
            break;
          }
          const depth = Math.min(Math.max(node.depth, 2), 4) as 2 | 3 | 4;
          const id = uniqueId(text);
          if (depth === 2) chapters.push({ id, title: text });
          out.push({ type: "heading", depth, id, children: inlines(node.children) });
          break;
        }
        case "paragraph":
          out.push({ type: "paragraph", children: inlines(node.children) });
          break;
        case "list":
          out.push({
            type: "list",
            ordered: Boolean(node.ordered),
            start: node.start ?? 1,
            items: node.children.map((item) => blocks(item.children)),
          });
          break;
        case "code":
          out.push({ type: "code", value: node.value });
          break;
        case "blockquote":
          out.push({ type: "quote", children: blocks(node.children) });
          break;
        case "thematicBreak":
          out.push({ type: "rule" });
          break;
        default:
          // html, definitions and anything the guide does not use are left out.
          break;
      }
    }
    return out;
  }

  const result = blocks(root.children);
  return { title, chapters, blocks: result };
}
