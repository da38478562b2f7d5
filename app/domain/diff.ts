/**
 * Generic diffs of text, paragraphs and lists of items with ids, for showing what changed between
 * two versions of a document. Pure; `agreement-diff.ts` builds an agreement's sections from these.
 */
import { diffArrays, diffWordsWithSpace } from "diff";

export interface Segment {
  type: "equal" | "insert" | "delete";
  text: string;
}

export type ChangeKind = "added" | "removed" | "changed" | "unchanged";

export interface ParagraphDiff {
  kind: "equal" | "insert" | "delete" | "change";
  style: "paragraph" | "heading" | "bullet";
  segments: Segment[];
}

export interface FieldDiff {
  label: string;
  changed: boolean;
  segments: Segment[];
}

export interface ItemDiff {
  id: number;
  kind: ChangeKind;
  /** The item's place relative to the others changed. */
  moved: boolean;
  title: Segment[];
  fields: FieldDiff[];
}

export function diffText(before: string, after: string): Segment[] {
  if (before === after) return before ? [{ type: "equal", text: before }] : [];
  if (!before) return [{ type: "insert", text: after }];
  if (!after) return [{ type: "delete", text: before }];
  return diffWordsWithSpace(before, after).map((part) => ({
    type: part.added ? "insert" : part.removed ? "delete" : "equal",
    text: part.value,
  }));
}

export function isChanged(segments: Segment[]): boolean {
  return segments.some((s) => s.type !== "equal");
}

export interface Line {
  style: ParagraphDiff["style"];
  text: string;
}

/**
 * Paragraph-level diff (kept, added, removed), and word-level inside a paragraph that was
 * replaced by one of the same kind.
 */
export function diffLines(before: Line[], after: Line[]): ParagraphDiff[] {
  const key = (l: Line) => `${l.style}\u0000${l.text}`;
  const parts = diffArrays(before.map(key), after.map(key));
  const out: ParagraphDiff[] = [];
  const parse = (k: string): Line => {
    const [style, text] = k.split("\u0000") as [Line["style"], string];
    return { style, text };
  };
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!part.added && !part.removed) {
      for (const k of part.value) {
        const l = parse(k);
        out.push({ kind: "equal", style: l.style, segments: [{ type: "equal", text: l.text }] });
      }
      continue;
    }
    const next = parts[i + 1];
    if (part.removed && next?.added) {
      // Pair removed and added paragraphs one to one as word-level changes; the rest stand alone.
      const removed = part.value.map(parse);
      const added = next.value.map(parse);
      const pairs = Math.min(removed.length, added.length);
      for (let j = 0; j < pairs; j++) {
        const a = removed[j]!;
        const b = added[j]!;
        if (a.style === b.style) {
          out.push({ kind: "change", style: b.style, segments: diffText(a.text, b.text) });
        } else {
          out.push({
            kind: "delete",
            style: a.style,
            segments: [{ type: "delete", text: a.text }],
          });
          out.push({
            kind: "insert",
            style: b.style,
            segments: [{ type: "insert", text: b.text }],
          });
        }
      }
      for (const a of removed.slice(pairs)) {
        out.push({ kind: "delete", style: a.style, segments: [{ type: "delete", text: a.text }] });
      }
      for (const b of added.slice(pairs)) {
        out.push({ kind: "insert", style: b.style, segments: [{ type: "insert", text: b.text }] });
      }
      i++;
      continue;
    }
    for (const k of part.value) {
      const l = parse(k);
      const type = part.added ? "insert" : "delete";
      out.push({ kind: type, style: l.style, segments: [{ type, text: l.text }] });
    }
  }
  return out;
}
export interface Described {
  title: string;
  fields: [label: string, value: string][];
}

/** The ids whose relative order is unchanged: the longest common subsequence of both orders. */
function stableIds(before: number[], after: number[]): Set<number> {
  const common = new Set(before.filter((id) => after.includes(id)));
  const a = before.filter((id) => common.has(id));
  const b = after.filter((id) => common.has(id));
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i]![j] =
        a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const keep = new Set<number>();
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      keep.add(a[i]!);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  return keep;
}

export function diffItems<T extends { id: number }>(
  before: T[],
  after: T[],
  describe: (item: T) => Described,
): ItemDiff[] {
  const beforeById = new Map(before.map((x) => [x.id, x]));
  const afterIds = new Set(after.map((x) => x.id));
  const stable = stableIds(
    before.map((x) => x.id),
    after.map((x) => x.id),
  );
  const itemDiff = (b: T | undefined, a: T | undefined): ItemDiff => {
    const db = b ? describe(b) : { title: "", fields: [] };
    const da = a ? describe(a) : { title: "", fields: [] };
    const labels = [...new Set([...db.fields.map((f) => f[0]), ...da.fields.map((f) => f[0])])];
    const fields = labels.map((label) => {
      const segments = diffText(
        db.fields.find((f) => f[0] === label)?.[1] ?? "",
        da.fields.find((f) => f[0] === label)?.[1] ?? "",
      );
      return { label, changed: isChanged(segments), segments };
    });
    const title = diffText(db.title, da.title);
    const id = (a ?? b)!.id;
    const kind: ChangeKind = !b
      ? "added"
      : !a
        ? "removed"
        : isChanged(title) || fields.some((f) => f.changed)
          ? "changed"
          : "unchanged";
    return { id, kind, moved: Boolean(a && b && !stable.has(id)), title, fields };
  };
  // Walk the new order, slotting removed items in after their old predecessor.
  const out: ItemDiff[] = [];
  const removedAfter = new Map<number | null, T[]>();
  let previous: number | null = null;
  for (const item of before) {
    if (!afterIds.has(item.id)) {
      const list = removedAfter.get(previous) ?? [];
      list.push(item);
      removedAfter.set(previous, list);
    } else previous = item.id;
  }
  for (const r of removedAfter.get(null) ?? []) out.push(itemDiff(r, undefined));
  for (const item of after) {
    out.push(itemDiff(beforeById.get(item.id), item));
    for (const r of removedAfter.get(item.id) ?? []) out.push(itemDiff(r, undefined));
  }
  // Removed items whose predecessor was itself removed or moved away still need a place.
  const placed = new Set(out.map((d) => d.id));
  for (const item of before) if (!placed.has(item.id)) out.push(itemDiff(item, undefined));
  return out;
}
