/**
 * The document tree in the shape of pandoc's JSON AST: node types and small walkers shared by the
 * document tests. Our JavaScript reader (./docx.ts) produces this shape, and so does pandoc itself
 * in the document checks (test/documents), which compare the two.
 */
export interface PandocNode {
  t: string;
  c?: unknown;
}

export interface PandocDoc {
  blocks: PandocNode[];
}

export type PandocAttr = [string, string[], [string, string][]];
export type PandocCell = [unknown, unknown, number, number, PandocNode[]];
export type PandocRow = [unknown, PandocCell[]];
export type PandocTable = [
  unknown,
  unknown,
  unknown,
  [unknown, PandocRow[]],
  [unknown, number, PandocRow[], PandocRow[]][],
  [unknown, PandocRow[]],
];

export function isNode(value: unknown): value is PandocNode {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { t?: unknown }).t === "string"
  );
}

const TEXT_BLOCKS = new Set(["Para", "Plain", "Header"]);

/** The text of any part of the AST: words joined by spaces, one line per paragraph. */
export function textOf(value: unknown): string {
  return textOfExcept(value, () => false);
}

/** Like textOf, leaving out nodes for which `skip` is true (e.g. tracked insertions). */
export function textOfExcept(value: unknown, skip: (node: PandocNode) => boolean): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!isNode(v)) return;
    if (skip(v)) return;
    if (v.t === "Str") out.push(String(v.c));
    else if (v.t === "Space" || v.t === "SoftBreak") out.push(" ");
    else if (v.t === "LineBreak") out.push("\n");
    else {
      // A header's attributes hold its id as a plain string, which walk() skips: only Str counts.
      walk(v.c);
      if (TEXT_BLOCKS.has(v.t)) out.push("\n");
    }
  };
  walk(value);
  return out.join("").trim();
}

/** Every node of one type, at any depth. */
export function nodesOfType(value: unknown, type: string): PandocNode[] {
  const found: PandocNode[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!isNode(v)) return;
    if (v.t === type) found.push(v);
    walk(v.c);
  };
  walk(value);
  return found;
}
