/**
 * The recogniser: walks a Word delaftale (as the reader's blocks and tables) in document order,
 * recognises the template's labels and puts the text after each into the matching part of an
 * `ImportDraft`, recording where every block went. Tables are read by their shape: a criteria
 * table (criterion | data source), the financing tables (organisation | amount, and one column
 * per year), or the template's label | content tables. Text it cannot place confidently is left
 * "unplaced" for the review screen; nothing is dropped. Pure and client-safe.
 */
import type { Inline } from "../rich-text";
import { pairActivityList, emptyActivity } from "./activities";
import { parseAmountLine } from "./amounts";
import { criterionFromLines } from "./criteria";
import { parseValidity } from "./dates";
import { reviewNotes } from "./notes";
import { cellText, tableStart } from "./source-tables";
import { addContent, newWalkState, type Piece, type WalkState } from "./content";
import {
  mergeYearlyRow,
  readAmountCell,
  readYearlyRow,
  sourceFromTotalsRow,
  yearColumns,
} from "./financing";
import {
  boldSegments,
  IN_ACTIVITY,
  LABEL_MODES,
  tableKind,
  templateEditionOf,
  trailingLabel,
} from "./label-walk";
import {
  focusAreaFromTitle,
  LABEL_SECTIONS,
  matchLabel,
  normaliseLabel,
  type LabelMatch,
} from "./labels";
import {
  IMPORT_SECTIONS,
  type BlockDestination,
  type ImportSection,
  type Recognition,
  type SourceDocument,
  type SourceTable,
  type TextBlock,
} from "./types";

/**
 * Fewer recognised sections than this and the file is not taken for a delaftale: the import says
 * «Filen ligner ikke en delaftale» and creates nothing.
 */
export const MIN_SECTIONS_FOR_AGREEMENT = 4;

/** A line that states the validity period ("Aftalen gælder fra den 1. marts 2017 – …"). */
const VALIDITY_LINE =
  /\b(?:del)?aftalen\s+(?:gælder|er\s+gyldig)|gyldighedsperiode|\baftalens\s+(?:gyldighed|varighed)/iu;

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

type Where = "body" | "label-cell";

class Walker {
  readonly state: WalkState = newWalkState();
  readonly destinations: (BlockDestination | null)[];
  readonly found = new Set<ImportSection>();

  constructor(readonly doc: SourceDocument) {
    this.destinations = doc.blocks.map(() => null);
  }

  run(): void {
    for (const item of this.doc.body) {
      if ("block" in item) this.block(item.block, "body");
      else this.table(item.table);
    }
  }

  // --- destinations -------------------------------------------------------------------------

  private sectionDest(section: ImportSection): BlockDestination {
    this.found.add(section);
    return section === "activity" && this.state.activity !== null
      ? { kind: "section", section, activity: this.state.activity }
      : { kind: "section", section };
  }

  private labelDest(section: ImportSection): BlockDestination {
    this.found.add(section);
    return section === "activity" && this.state.activity !== null
      ? { kind: "label", section, activity: this.state.activity }
      : { kind: "label", section };
  }

  private set(index: number, destination: BlockDestination): void {
    if (this.destinations[index] == null) this.destinations[index] = destination;
  }

  // --- labels -------------------------------------------------------------------------------

  private labelOf(block: Piece, where: Where): LabelMatch | null {
    if (block.kind === "listItem" && !block.bold) return null;
    const text = block.text.trim();
    const emphasised = where === "label-cell" || block.kind === "heading" || block.bold;
    if (!emphasised && words(text) > 12) return null;
    // "Arbejdsgruppe for naboskab" among the parties names a working group; it is no label.
    if (/^arbejdsgruppe(?!r\b)/iu.test(text) && normaliseLabel(text) !== "arbejdsgruppe") {
      return null;
    }
    const match = matchLabel(text, this.state.activity !== null, !emphasised);
    if (!match) return null;
    return this.state.activity !== null && IN_ACTIVITY[match.key]
      ? { ...match, key: IN_ACTIVITY[match.key]! }
      : match;
  }

  /** Switches the walk to the label's section. Returns the label block's destination. */
  private applyLabel(match: LabelMatch, text: string): BlockDestination {
    const s = this.state;
    const key = match.key;
    const activityLabel = key.startsWith("activity-") && key !== "activity-list";
    if (key === "activity-name") {
      s.draft.activities.push(emptyActivity());
      s.activity = s.draft.activities.length - 1;
    } else if (activityLabel && s.activity === null) {
      // A schema row without the name row before it: a schema all the same.
      s.draft.activities.push(emptyActivity());
      s.activity = s.draft.activities.length - 1;
    } else if (!activityLabel && key !== "data-source" && key !== "financing-total") {
      s.activity = null;
    }
    if (key === "data-source") {
      if (s.mode === "criteria" || s.mode === "activity-criteria") {
        s.pairs = true;
        s.pendingSource = false;
      }
      return this.labelDest(s.activity !== null ? "activity" : "criteria");
    }
    const mode = LABEL_MODES[key];
    if (mode) s.mode = mode;
    if (key === "primary" || key === "secondary") {
      s.tier = key;
      s.groupHeading = null;
    }
    if (key === "parties") s.groupHeading = null;
    if (key === "working-groups") s.groupLabel = text.replace(/:$/, "").trim();
    if (mode === "criteria" || mode === "activity-criteria") {
      if (key !== "activity-criteria-note") s.pairs = false;
    }
    const section = LABEL_SECTIONS[key];
    if (match.leadIn) {
      const leadIn = text.replace(/\s+/g, " ").trim();
      const d = s.draft;
      const activity = s.activity !== null ? d.activities[s.activity] : undefined;
      if (key === "purposes" && d.purposesLeadIn === null) d.purposesLeadIn = leadIn;
      else if (key === "goals" && d.goalsLeadIn === null) d.goalsLeadIn = leadIn;
      else if (key === "activity-purposes" && activity && activity.purposesLeadIn === null) {
        activity.purposesLeadIn = leadIn;
      } else return this.labelDest(section);
      return this.sectionDest(section);
    }
    return this.labelDest(section);
  }

  // --- blocks -------------------------------------------------------------------------------

  private block(index: number, where: Where): void {
    const block = this.doc.blocks[index];
    // A label cell's block is read before its cell is walked: once is enough.
    if (!block || this.destinations[index] != null) return;
    if (!block.text.trim()) {
      this.set(index, { kind: "empty" });
      return;
    }
    this.set(index, this.read(block, where));
  }

  private read(block: TextBlock, where: Where): BlockDestination {
    const s = this.state;
    if (s.draft.title === null && words(block.text) <= 20) {
      const focusArea = focusAreaFromTitle(block.text);
      if (focusArea) {
        s.draft.title = block.text.replace(/\s+/g, " ").trim();
        s.draft.focusAreaName = focusArea;
        s.mode = "opening";
        s.activity = null;
        return this.sectionDest("title");
      }
    }
    if (s.draft.validFrom === null && s.activity === null && VALIDITY_LINE.test(block.text)) {
      const period = words(block.text) <= 25 ? parseValidity(block.text) : null;
      if (period) {
        s.draft.validFrom = period.validFrom;
        s.draft.validTo = period.validTo;
        s.mode = "validity";
        s.activity = null;
        return this.sectionDest("validity");
      }
    }
    const label = this.labelOf(block, where);
    if (label) return this.applyLabel(label, block.text);
    if (s.mode === "financing" && this.isTotalLine(block.text)) return this.labelDest("financing");
    const split = this.inlineLabels(block);
    if (split) return split;
    return this.content(block);
  }

  /** "I alt 5.712.000" / "Samlet budget: 6.040.000 kr.": a computed total, so a label. */
  private isTotalLine(text: string): boolean {
    const line = parseAmountLine(text.replace(/\n/g, " "));
    return Boolean(line && matchLabel(line.name)?.key === "financing-total");
  }

  private content(piece: Piece): BlockDestination {
    const section = addContent(this.state, piece);
    if (this.state.mode === "opening" || this.state.mode === "plan-name") this.state.mode = "none";
    return section ? this.sectionDest(section) : { kind: "unplaced" };
  }

  /**
   * A block that starts with a bold label and goes on ("**Formål:** at styrke …",
   * "**Aktivitetsnavn:****Din afdeling**"): the labels switch the section, the text between them
   * goes into it. The block is unplaced if any of its text could not be placed.
   */
  private inlineLabels(block: TextBlock): BlockDestination | null {
    const segments = boldSegments(block.content);
    const first = segments[0];
    if (!first?.bold || !first.text.trim().endsWith(":")) return null;
    const inActivity = this.state.activity !== null;
    if (!matchLabel(first.text, inActivity)) return null;
    let pending: Inline[] = [];
    let placedIn: BlockDestination | null = null;
    let unplaced = false;
    let lastLabel: BlockDestination | null = null;
    const flush = () => {
      const content = pending;
      pending = [];
      const text = content
        .map((r) => r.text)
        .join("")
        .replace(/[ \t]+/g, " ")
        .trim();
      if (!text) return;
      const piece: Piece = {
        kind: block.kind,
        level: block.level,
        ordered: block.ordered,
        depth: block.depth,
        content,
        text,
        bold: content.every((r) => r.bold || !r.text.trim()),
      };
      const d = this.content(piece);
      if (d.kind === "unplaced") unplaced = true;
      else placedIn ??= d;
    };
    for (const segment of segments) {
      const text = segment.text.trim();
      const match =
        segment.bold && text.endsWith(":") ? matchLabel(text, this.state.activity !== null) : null;
      if (match) {
        flush();
        lastLabel = this.applyLabel(match, text);
        if (lastLabel.kind === "section") placedIn ??= lastLabel;
        continue;
      }
      const tail =
        segment.bold && text.endsWith(":")
          ? trailingLabel(text, this.state.activity !== null)
          : null;
      if (tail) {
        pending.push({ ...segment, text: segment.text.slice(0, tail.at) });
        flush();
        lastLabel = this.applyLabel(tail.match, text.slice(tail.at));
        continue;
      }
      pending.push(segment);
    }
    flush();
    if (unplaced) return { kind: "unplaced" };
    return placedIn ?? lastLabel;
  }

  // --- tables -------------------------------------------------------------------------------

  private cellText(cell: SourceTable["rows"][number]["cells"][number]): string {
    return cellText(this.doc, cell);
  }

  private table(index: number): void {
    const table = this.doc.tables[index];
    if (!table) return;
    // A merged title row above the header ("Finansiering af indsatsområdet 2019-2022") belongs
    // to the table: the header is the first row with more than one cell.
    let start = 0;
    while (start < table.rows.length - 1 && (table.rows[start]?.cells.length ?? 0) < 2) start++;
    const header = (table.rows[start]?.cells ?? []).map((c) => this.cellText(c));
    const inActivity = this.state.activity !== null;
    const kind = tableKind(header, inActivity);
    if (!kind) return this.genericTable(table);
    const section: ImportSection =
      kind === "criteria" ? (inActivity ? "activity" : "criteria") : "financing";
    for (const row of table.rows.slice(0, start)) this.labelRow(row, section);
    const rest: SourceTable = { ...table, rows: table.rows.slice(start) };
    if (kind === "criteria") this.criteriaTable(rest);
    else if (kind === "financing") this.financingTable(rest);
    else this.yearlyTable(rest);
  }

  private rowBlocks(row: SourceTable["rows"][number]): number[] {
    return row.cells.flatMap((c) => c.blocks);
  }

  /** The row's text went into the section (its empty paragraphs are empty). */
  private placeRow(row: SourceTable["rows"][number], section: ImportSection): void {
    for (const i of this.rowBlocks(row)) {
      this.set(i, this.doc.blocks[i]?.text.trim() ? this.sectionDest(section) : { kind: "empty" });
    }
  }

  private labelRow(row: SourceTable["rows"][number], section: ImportSection): void {
    for (const i of this.rowBlocks(row)) {
      this.set(i, this.doc.blocks[i]?.text.trim() ? this.labelDest(section) : { kind: "empty" });
    }
    for (const cell of row.cells) for (const t of cell.tables) this.table(t);
  }

  private criteriaTable(table: SourceTable): void {
    const s = this.state;
    const inActivity = s.activity !== null;
    s.mode = inActivity ? "activity-criteria" : "criteria";
    const section: ImportSection = inActivity ? "activity" : "criteria";
    const list = inActivity ? s.draft.activities[s.activity!]!.criteria : s.draft.successCriteria;
    const mode = s.mode;
    // Once a row has a label of its own (the activity list, interplay … in the same table), the
    // rest of the table is label | content rows.
    let criteriaRows = true;
    table.rows.forEach((row, r) => {
      if (r === 0) return this.labelRow(row, section);
      const [c0, c1] = row.cells;
      const first = c0?.blocks.map((i) => this.doc.blocks[i]!).find((x) => x.text.trim());
      if (first && this.labelOf(first, "label-cell")) criteriaRows = false;
      if (!criteriaRows || row.cells.length !== 2 || !c0 || !c1) {
        this.walkRow(row);
        criteriaRows &&= s.mode === mode;
        return;
      }
      const lines = c0.blocks.map((i) => this.doc.blocks[i]?.text ?? "").filter((t) => t.trim());
      const source = this.cellText(c1);
      if (!lines.length && !source) {
        for (const i of this.rowBlocks(row)) this.set(i, { kind: "empty" });
        return;
      }
      if (!lines.length) return this.walkRow(row);
      list.push(criterionFromLines(lines, source));
      this.placeRow(row, section);
    });
  }

  /** A financing row (name | amount): a source, or the computed total (a label). */
  private financingRow(row: SourceTable["rows"][number]): boolean {
    const name = this.cellText(row.cells[0]!).replace(/\n/g, " ");
    const amountText = this.cellText(row.cells[row.cells.length - 1]!);
    if (!name) return false;
    if (matchLabel(name)?.key === "financing-total") {
      this.labelRow(row, "financing");
      return true;
    }
    const amount = readAmountCell(amountText);
    if (!amount.ok || amount.amount === null) return false;
    this.state.draft.fundingSources.push(sourceFromTotalsRow(name, amount.amount));
    if (amount.note) this.state.notes.push(amount.note);
    this.placeRow(row, "financing");
    return true;
  }

  private financingTable(table: SourceTable): void {
    this.state.mode = "financing";
    this.state.activity = null;
    table.rows.forEach((row, r) => {
      if (r === 0) return this.labelRow(row, "financing");
      if (row.cells.length < 2 || !this.financingRow(row)) this.walkRow(row);
    });
  }

  private yearlyTable(table: SourceTable): void {
    this.state.mode = "financing";
    this.state.activity = null;
    const header = (table.rows[0]?.cells ?? []).map((c) => this.cellText(c));
    const years = yearColumns(header) ?? [];
    table.rows.forEach((row, r) => {
      if (r === 0) return this.labelRow(row, "financing");
      const name = this.cellText(row.cells[0]!).replace(/\n/g, " ");
      if (name && matchLabel(name)?.key === "financing-total") {
        return this.labelRow(row, "financing");
      }
      const cells = row.cells.slice(1).map((cell) => this.cellText(cell));
      const { ok, amounts, total, notes } = readYearlyRow(cells, years);
      if (!ok || !name || row.cells.length !== header.length) return this.walkRow(row);
      mergeYearlyRow(this.state.draft.fundingSources, name, amounts, total);
      this.state.notes.push(...notes);
      this.placeRow(row, "financing");
    });
  }

  private genericTable(table: SourceTable): void {
    for (const row of table.rows) this.walkRow(row);
  }

  /** A row of a label | content table, or any other row: its cells in order. */
  private walkRow(row: SourceTable["rows"][number]): void {
    const s = this.state;
    const [first, ...rest] = row.cells;
    if (!first) return;
    if (row.cells.length < 2) return this.walkCell(first, "body");
    const firstBlock = first.blocks.find((i) => this.doc.blocks[i]?.text.trim());
    const block = firstBlock !== undefined ? this.doc.blocks[firstBlock] : undefined;
    const label = block ? this.labelOf(block, "label-cell") : null;
    if (!label && row.cells.length === 2) {
      if (s.mode === "financing" && this.financingRow(row)) return;
      if (s.mode === "activity-roles" && block && this.responsibilityRow(row)) return;
    }
    if (label && block && firstBlock !== undefined) {
      this.set(firstBlock, this.applyLabel(label, block.text));
    }
    this.walkCell(first, "body");
    for (const cell of rest) this.walkCell(cell, "body");
  }

  /** "Party | duties" in the roles row of a schema. */
  private responsibilityRow(row: SourceTable["rows"][number]): boolean {
    const activity = this.state.draft.activities[this.state.activity ?? -1];
    // The party cell is one paragraph; anything more is read as text, paragraph by paragraph.
    const texts = row.cells[0]!.blocks.filter((i) => this.doc.blocks[i]?.text.trim());
    if (!activity || texts.length !== 1) return false;
    const party = this.cellText(row.cells[0]!).replace(/\n/g, " ").replace(/:$/, "").trim();
    const duties = row.cells[1]!.blocks.flatMap((i) => (this.doc.blocks[i]?.text ?? "").split("\n"))
      .map((t) => t.replace(/^\s*[•\-–*]\s+/, "").trim())
      .filter(Boolean);
    if (!party) return false;
    activity.responsibilities.push({ party, duties });
    this.placeRow(row, "activity");
    return true;
  }

  private walkCell(cell: SourceTable["rows"][number]["cells"][number], where: Where): void {
    const items = [
      ...cell.blocks.map((b) => ({ at: b, block: b })),
      ...cell.tables.map((t) => ({ at: tableStart(this.doc, t), table: t })),
    ].sort((a, b) => a.at - b.at);
    for (const item of items) {
      if ("block" in item) this.block(item.block, where);
      else this.table(item.table);
    }
  }

  // --- the result ---------------------------------------------------------------------------

  result(): Recognition {
    const s = this.state;
    const draft = s.draft;
    draft.activities = pairActivityList(draft.activityList, draft.activities);
    const destinations = this.destinations.map(
      (d, i): BlockDestination =>
        d ?? (this.doc.blocks[i]?.text.trim() ? { kind: "unplaced" } : { kind: "empty" }),
    );
    const notes = [...s.notes, ...reviewNotes(draft, destinations)];
    return {
      draft,
      destinations,
      templateEdition: templateEditionOf(draft.openingText),
      sectionsFound: IMPORT_SECTIONS.filter((section) => this.found.has(section)),
      notes,
    };
  }
}

/** Recognises the template's sections in a read Word file and builds the draft agreement. */
export function recogniseAgreement(doc: SourceDocument): Recognition {
  const walker = new Walker(doc);
  walker.run();
  return walker.result();
}
