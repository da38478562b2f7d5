/**
 * Import of an existing delaftale from Word: the shared shapes. The reader turns a .docx into
 * `SourceBlock`s (every paragraph, list item and table cell paragraph, numbered in document
 * order); the recogniser maps them onto an `ImportDraft` and records where every block went
 * (`BlockDestination`); the review screen lets the user place what the recogniser could not; saving
 * turns the draft into an agreement (or a revision draft of the plan's agreement for that focus
 * area). Pure types: no database, no I/O.
 */
import type { FundingSourceKind, PartyTier } from "../agreement";
import type { Inline, RichText } from "../rich-text";

// --- what the reader yields -------------------------------------------------------------------

/** One paragraph-like piece of the document: the unit that is placed, counted and reviewed. */
export interface TextBlock {
  /** Position in the document, 0-based, counting every TextBlock (also those inside tables). */
  index: number;
  kind: "heading" | "paragraph" | "listItem";
  /** Heading level 1-6 (Word's Heading 1-6 / Title = 1); 0 for other kinds. */
  level: number;
  /** List items: numbered (true) or bulleted (false); also for manual bullets ("•", "-", "–"). */
  ordered: boolean;
  /** List nesting, 0 = top level (list items only). */
  depth: number;
  /** The inline runs, bold/italic kept; a soft line break is an inline with text "\n". */
  content: Inline[];
  /** Plain text: the runs joined, soft breaks as "\n", whitespace runs collapsed, trimmed. */
  text: string;
  /** Every non-whitespace character is bold (a label written as a bold paragraph). */
  bold: boolean;
  /** Inside a table: where. Null for body text. */
  cell: { table: number; row: number; column: number; colSpan: number } | null;
}

export interface SourceTable {
  /** Table number in document order, 0-based (nested tables get their own number). */
  index: number;
  /** Rows of cells; each cell holds the indexes of its TextBlocks and of nested tables. */
  rows: { cells: { colSpan: number; rowSpan: number; blocks: number[]; tables: number[] }[] }[];
}

/** The document as read: blocks in document order, tables referring to their blocks. */
export interface SourceDocument {
  blocks: TextBlock[];
  tables: SourceTable[];
  /** Top-level order: a block index or a table index, as they appear in the body. */
  body: ({ block: number } | { table: number })[];
  /** Words in the whole document (every block's text split on whitespace). */
  wordCount: number;
  /** The reader's own warnings worth showing (e.g. "an embedded image was left out"). */
  warnings: string[];
}

// --- what the recogniser yields ---------------------------------------------------------------

/** Where a piece of the draft goes: the agreement's parts as the review screen groups them. */
export const IMPORT_SECTIONS = [
  "title",
  "opening",
  "plan-name",
  "parties",
  "working-groups",
  "problem",
  "purpose",
  "goals",
  "primary-target-group",
  "method",
  "criteria",
  "activity-list",
  "interplay",
  "anchoring",
  "financing",
  "staff",
  "conflict",
  "revision",
  "validity",
  "activity",
] as const;
export type ImportSection = (typeof IMPORT_SECTIONS)[number];

export type BlockDestination =
  /** Text that went into the draft. `activity` is the 0-based activity (schema) for "activity". */
  | { kind: "section"; section: ImportSection; activity?: number }
  /** A recognised label or heading of the template ("Formål:", "Aktivitetsnavn:", a table header). */
  | { kind: "label"; section: ImportSection; activity?: number }
  /** Not placed: waits for the user on the review screen. */
  | { kind: "unplaced" }
  /** Discarded explicitly by a user on the review screen. */
  | { kind: "discarded"; userId: number; at: string }
  /** A block without text (empty paragraph). */
  | { kind: "empty" };

export interface DraftPerson {
  name: string;
  title: string | null;
}

export interface DraftMeasure {
  value: number | null;
  unit: string | null;
  year: number | null;
  /** A baseline or target that is not one number, as written. */
  text: string | null;
}

export interface DraftCriterion {
  text: string;
  dataSource: string;
  baseline: DraftMeasure | null;
  target: DraftMeasure | null;
}

export interface DraftActivity {
  name: string;
  shortName: string | null;
  reference: string | null;
  content: RichText | null;
  purposesLeadIn: string | null;
  purposes: string[];
  targetGroupsLeadIn: string | null;
  targetGroups: string[];
  criteria: DraftCriterion[];
  /** "Organisering, ansvar og rollefordeling": per party (as written), its duties. */
  responsibilities: { party: string; duties: string[] }[];
}

/** The structured agreement the recogniser read, names as written (linked to the register on save). */
export interface ImportDraft {
  /** "Delaftale for indsatsområdet Tryghed og trivsel" as written. */
  title: string | null;
  /** The focus area's name as written in the title (matched to the plan's funding round on save). */
  focusAreaName: string | null;
  /** The plan's name as the document gives it. */
  planName: string | null;
  openingText: string | null;
  parties: {
    tier: PartyTier;
    groupHeading: string | null;
    /** The organisation's name; null for a party given only as a label. */
    organisation: string | null;
    /** A party that is not an organisation of the register ("Beboerne i afdelingen"). */
    label: string | null;
    contact: DraftPerson | null;
  }[];
  workingGroups: {
    name: string;
    members: {
      /** "En repræsentant fra X" → 1; "3 beboerdemokrater" → 3. */
      count: number | null;
      description: string | null;
      names: string | null;
      person: DraftPerson | null;
      organisation: string | null;
    }[];
  }[];
  problemStatement: RichText | null;
  purposesLeadIn: string | null;
  purposes: string[];
  goalsLeadIn: string | null;
  goals: { text: string; subGoals: string[] }[];
  primaryTargetGroup: RichText | null;
  method: RichText | null;
  successCriteria: DraftCriterion[];
  /** The agreement's list of activities as written (matched to the schemas by name). */
  activityList: string[];
  municipalInterplay: RichText | null;
  anchoring: RichText | null;
  fundingSources: {
    kind: FundingSourceKind;
    /** The line's name as written ("Landsbyggefonden", "Kildeby Kommune", "Lokal medfinansiering"). */
    name: string | null;
    periodTotal: number | null;
    amounts: { year: number; amount: number }[];
  }[];
  staff: string[];
  conflictHandling: RichText | null;
  revisionClause: RichText | null;
  /** ISO dates. */
  validFrom: string | null;
  validTo: string | null;
  activities: DraftActivity[];
}

/** What the recogniser returns for one document. */
export interface Recognition {
  draft: ImportDraft;
  /** One per TextBlock, same order (destinations[i] is blocks[i]'s). */
  destinations: BlockDestination[];
  /** The template edition the opening clause matches, when it matches one. */
  templateEdition: "older" | "2018" | null;
  /** Sections found, for the summary ("12 af 19 afsnit genkendt"). */
  sectionsFound: ImportSection[];
  /** Danish notes for the review screen ("Beløbet «3,9 mio.» blev læst som 3.900.000 kr."). */
  notes: string[];
}

export type { Inline, RichText };
