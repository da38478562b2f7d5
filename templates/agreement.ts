/**
 * The agreement (delaftale) as a Word document in the fund's own layout. The first half is
 * headings and text: the clause under the title, parties, problem, purposes and measurements, the
 * list of activities, interplay and anchoring. The second half is the template's two-column
 * tables (label | content): financing, staff, conflict handling, revision, validity, and one
 * schema per activity. Pure: takes the document view and returns docx objects. A section, row or
 * schema with nothing to show is left out, with its heading or label.
 */
import type { Document, FileChild, ISectionOptions, Paragraph, Table } from "docx";
import {
  CLAUSE_LABELS,
  hasSchemaContent,
  SCHEMA_CRITERIA_HEADER,
  SCHEMA_LABELS,
  SCHEMAS_LEAD,
} from "../app/domain/agreement-layout";
import type {
  ActivityView,
  AgreementView,
  CriterionView,
  PartyGroupView,
  PartyView,
} from "../app/domain/agreement-view";
import type { RichText } from "../app/domain/rich-text";
import { createDocument } from "./parts/document";
import { financingTables } from "./parts/financing";
import { heading, type HeadingDepth } from "./parts/headings";
import { pageSection } from "./parts/page";
import {
  contentCellWidth,
  gridTable,
  labelContentTable,
  labelValueTable,
  TABLE_TEXT_STYLE,
  type LabelRow,
} from "./parts/tables";
import { boldParagraph, bulletList, list, paragraph, richTextParagraphs } from "./parts/text";
import { ACTIVITY_CRITERIA_NOTE } from "../app/domain/texts.da";

export const AGREEMENT_HEADINGS = {
  planName: "Navn på den boligsociale indsats, som delaftalen vedrører:",
  parties: "Aftalens parter",
  primary: "Primære samarbejdspartnere",
  secondary: "Sekundære samarbejdspartnere",
  problem: "Problemkompleks for indsatsområdet",
  purpose: "Formål og lokalt opstillede målinger for indsatsområdet",
  purposes: "Formål",
  goals: "Mål",
  targetGroup: "Primær målgruppe for indsatsområdet",
  method: "Metode",
  criteria: "Succeskriterier og datakilder",
  activities: "Aktiviteter som skal bidrage til indfrielse af formål og mål",
  interplay: "Samspil med og supplement til den kommunale indsats i boligområdet",
  anchoring: "Forankring af aktiviteterne",
  schemas: "Aktivitetsskemaer",
} as const;

export const CRITERIA_TABLE_HEADER: [string, string] = [
  "Lokalt opstillede målinger (succeskriterier)",
  "Datakilde",
];
export const ACTIVITY_CRITERIA_TABLE_HEADER: [string, string] = ["Succeskriterier", "Datakilde"];

const H = AGREEMENT_HEADINGS;

/** A heading with its content, or nothing at all when the content is empty. */
function section(text: string, depth: HeadingDepth, content: FileChild[]): FileChild[] {
  return content.length ? [heading(text, depth), ...content] : [];
}

function richSection(text: string, depth: HeadingDepth, body: RichText | null): FileChild[] {
  return section(text, depth, richTextParagraphs(body));
}

function listSection(text: string, depth: HeadingDepth, items: string[]): FileChild[] {
  return section(text, depth, bulletList(items));
}

function partyParagraph(party: PartyView): Paragraph {
  return paragraph(party.contact ? `${party.name}\n${party.contact}` : party.name);
}

function partyGroups(groups: PartyGroupView[]): FileChild[] {
  return groups.flatMap((group) => [
    ...(group.heading ? [heading(group.heading, 4)] : []),
    ...group.parties.map(partyParagraph),
  ]);
}

function partiesSection(view: AgreementView): FileChild[] {
  const workingGroups = view.workingGroups.flatMap((group) => [
    heading(group.name, 3),
    ...bulletList(group.members.map((m) => m.text)),
  ]);
  return section(H.parties, 2, [
    ...section(H.primary, 3, partyGroups(view.parties.primary)),
    ...workingGroups,
    ...section(H.secondary, 3, partyGroups(view.parties.secondary)),
  ]);
}

/** The criterion, with its baseline and target under it when they are set. */
function criterionCell(criterion: CriterionView): Paragraph[] {
  const measures = [
    criterion.baseline ? `Udgangspunkt: ${criterion.baseline.text}` : null,
    criterion.target ? `Mål: ${criterion.target.text}` : null,
  ].filter((line): line is string => line !== null);
  return [
    paragraph(criterion.text, { style: TABLE_TEXT_STYLE }),
    ...measures.map((line) => paragraph(line, { style: TABLE_TEXT_STYLE, italic: true })),
  ];
}

function criteriaTable(header: [string, string], criteria: CriterionView[]): Table[] {
  if (!criteria.length) return [];
  return [
    labelValueTable(
      header,
      criteria.map((c) => [criterionCell(c), c.dataSource]),
    ),
  ];
}

/** A list with its lead-in line ("Formålet er:") before it. */
function ledList(leadIn: string | null, items: string[]): FileChild[] {
  if (!items.length && !leadIn) return [];
  return [...(leadIn ? [boldParagraph(leadIn, { keepNext: true })] : []), ...bulletList(items)];
}

/** The goals as bullets, each with its delmål as bullets one level in. */
function goalList(view: AgreementView): FileChild[] {
  if (!view.goals.length && !view.goalsLeadIn) return [];
  return [
    ...(view.goalsLeadIn ? [boldParagraph(view.goalsLeadIn, { keepNext: true })] : []),
    ...view.goals.flatMap((goal) => [
      ...bulletList([goal.text]),
      ...bulletList(
        goal.subGoals.map((s) => `Delmål: ${s.text}`),
        { level: 1 },
      ),
    ]),
  ];
}

function purposeSection(view: AgreementView): FileChild[] {
  return section(H.purpose, 2, [
    ...section(H.purposes, 3, ledList(view.purposesLeadIn, view.purposes)),
    ...section(H.goals, 3, goalList(view)),
    ...richSection(H.targetGroup, 3, view.primaryTargetGroup),
    ...richSection(H.method, 3, view.method),
    ...section(H.criteria, 3, criteriaTable(CRITERIA_TABLE_HEADER, view.criteria)),
  ]);
}

// --- the second half: the template's label | content tables ----------------------------------

const cellText = (text: string, options: { bold?: boolean; italic?: boolean } = {}) =>
  paragraph(text, { ...options, style: TABLE_TEXT_STYLE });

const cellRichText = (text: RichText | null): Paragraph[] =>
  (text?.blocks ?? []).flatMap((block) =>
    block.type === "list"
      ? list(block.items, { ordered: block.ordered, style: TABLE_TEXT_STYLE })
      : [
          paragraph(block.content, {
            style: TABLE_TEXT_STYLE,
            bold: block.type === "heading",
            keepNext: block.type === "heading",
          }),
        ],
  );

const cellBullets = (items: string[]) => list(items, { style: TABLE_TEXT_STYLE });

/** A list with its lead-in line ("Formålet er:") in bold before it, inside a cell. */
function cellLedList(leadIn: string | null, items: string[]): Paragraph[] {
  return [...(leadIn ? [cellText(leadIn, { bold: true })] : []), ...cellBullets(items)];
}

/** Staff, conflict handling, revision and validity: one label | content table. */
function clausesTable(view: AgreementView): Table[] {
  return labelContentTable([
    {
      label: CLAUSE_LABELS.staff,
      content: view.staff.filter((s) => s.text.trim()).map((s) => cellText(s.text)),
      cantSplit: true,
    },
    // A few paragraphs each: kept whole (a row taller than a page still breaks).
    {
      label: CLAUSE_LABELS.conflict,
      content: cellRichText(view.conflictHandling),
      cantSplit: true,
    },
    { label: CLAUSE_LABELS.revision, content: cellRichText(view.revisionClause), cantSplit: true },
    { label: CLAUSE_LABELS.validity, content: [cellText(view.validityText)], cantSplit: true },
  ]);
}

/** The activity's criteria with their data sources, baseline and target under each criterion. */
function schemaCriteria(activity: ActivityView): (Paragraph | Table)[] {
  if (!activity.criteria.length) return [];
  return [
    cellText(ACTIVITY_CRITERIA_NOTE, { italic: true }),
    gridTable({
      header: SCHEMA_CRITERIA_HEADER,
      rows: activity.criteria.map((c) => [criterionCell(c), c.dataSource]),
      widths: [0.6, 0.4],
      width: contentCellWidth(),
    }),
  ];
}

function activitySchema(activity: ActivityView): FileChild[] {
  const rows: LabelRow[] = [
    {
      label: SCHEMA_LABELS.name,
      content: [paragraph(activity.title, { bold: true, style: TABLE_TEXT_STYLE, keepNext: true })],
      cantSplit: true,
      keepNext: true,
    },
    { label: SCHEMA_LABELS.content, content: cellRichText(activity.content) },
    {
      label: SCHEMA_LABELS.purposes,
      content: cellLedList(activity.purposesLeadIn, activity.purposes),
      cantSplit: true,
    },
    {
      label: SCHEMA_LABELS.targetGroups,
      content: cellLedList(activity.targetGroupsLeadIn, activity.targetGroups),
      cantSplit: true,
    },
    { label: SCHEMA_LABELS.criteria, content: schemaCriteria(activity), cantSplit: true },
    {
      label: SCHEMA_LABELS.roles,
      content: activity.responsibilities.flatMap((r) => [
        ...(r.party.trim() ? [cellText(`${r.party}:`, { bold: true })] : []),
        ...cellBullets(r.duties),
      ]),
    },
  ];
  // A blank paragraph between two schemas, or Word joins the tables into one.
  return [...labelContentTable(rows), paragraph("")];
}

function activitySchemas(view: AgreementView): FileChild[] {
  const filled = view.activities.filter(hasSchemaContent);
  if (!filled.length) return [];
  return [
    // Named after the focus area: a whole plan's table of contents lists it once per agreement.
    heading(`${H.schemas}: ${view.focusArea}`, 1, { pageBreakBefore: true }),
    // The template's own line above the schemas.
    boldParagraph(SCHEMAS_LEAD, { keepNext: true }),
    ...filled.flatMap(activitySchema),
  ];
}

/** The body of the agreement, for its own document or as one part of a whole plan's document. */
export function buildAgreementSections(view: AgreementView): FileChild[] {
  return [
    heading(view.title, 1),
    boldParagraph(view.openingClause),
    ...section(H.planName, 2, [paragraph(view.plan.name)]),
    ...partiesSection(view),
    ...richSection(H.problem, 2, view.problemStatement),
    ...purposeSection(view),
    ...listSection(
      H.activities,
      2,
      view.activities.map((a) => a.listTitle),
    ),
    ...richSection(H.interplay, 2, view.municipalInterplay),
    ...richSection(H.anchoring, 2, view.anchoring),
    // Blank paragraphs keep the tables apart: Word joins adjacent tables into one.
    ...financingTables(view.budget).flatMap((table) => [table, paragraph("")]),
    ...clausesTable(view).flatMap((table) => [table, paragraph("")]),
    ...activitySchemas(view),
  ];
}

/**
 * "Plan · Indsatsområde · Udkast". The status label says which version a document is (a draft,
 * or an approved version once revisions exist); the view's `version` is only the edit counter.
 */
export function agreementHeaderParts(view: AgreementView): string[] {
  return [view.plan.name, view.focusArea, view.statusLabel];
}

/** The agreement as one section of a document, with its own header and the page footer. */
export function buildAgreementSectionOptions(view: AgreementView): ISectionOptions {
  return pageSection(agreementHeaderParts(view), buildAgreementSections(view));
}

export function buildAgreementDocument(view: AgreementView): Document {
  return createDocument({
    title: view.title,
    description: `${view.plan.name}, ${view.statusLabel.toLocaleLowerCase("da")}`,
    sections: [buildAgreementSectionOptions(view)],
  });
}
