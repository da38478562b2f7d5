/**
 * The agreement (delaftale) as a Word document, in the order of the fund's template: the fixed
 * clause under the title, parties, problem, purposes and measurements, activities, interplay,
 * anchoring, financing, staff, standard clauses, validity, and one activity schema per activity.
 * Pure: takes the document view and returns docx objects. A section with nothing to show is left
 * out with its heading.
 */
import type { Document, FileChild, ISectionOptions, Paragraph, Table } from "docx";
import type {
  ActivityView,
  AgreementView,
  CriterionView,
  PartyGroupView,
  PartyView,
} from "../app/domain/agreement-view";
import type { RichText } from "../app/domain/rich-text";
import { createDocument } from "./parts/document";
import { financingTable } from "./parts/financing";
import { heading, type HeadingDepth } from "./parts/headings";
import { pageSection } from "./parts/page";
import { labelValueTable, TABLE_TEXT_STYLE } from "./parts/tables";
import { boldParagraph, bulletList, paragraph, richTextParagraphs } from "./parts/text";
import { ACTIVITY_CRITERIA_NOTE, REVISION_CLAUSE_NOTE } from "../app/domain/texts.da";

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
  financing: "Finansiering",
  staff: "Medarbejderressourcer på indsatsområdet",
  conflict: "Konflikthåndtering og underretning",
  revision: "Revision af delaftalen",
  validity: "Delaftalen gælder fra",
  schemas: "Aktivitetsskemaer",
  activityContent: "Indhold og praksis",
  activityPurposes: "Formål",
  activityTargetGroups: "Målgruppe(r)",
  activityCriteria: "Succeskriterier og datakilde for aktiviteten",
  activityRoles: "Organisering, ansvar og rollefordeling",
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

function financingSection(view: AgreementView): FileChild[] {
  const { budget } = view;
  const hasAmounts = [...budget.lbf, ...budget.local].some((line) =>
    line.byYear.some((amount) => amount !== 0),
  );
  return hasAmounts ? section(H.financing, 2, [financingTable(budget)]) : [];
}

function revisionSection(view: AgreementView): FileChild[] {
  const clause = richTextParagraphs(view.revisionClause);
  if (!clause.length) return [];
  return section(H.revision, 2, [...clause, paragraph(REVISION_CLAUSE_NOTE, { italic: true })]);
}

function activitySchema(activity: ActivityView): FileChild[] {
  const criteria = activity.criteria.length
    ? [
        paragraph(ACTIVITY_CRITERIA_NOTE, { italic: true, keepNext: true }),
        ...criteriaTable(ACTIVITY_CRITERIA_TABLE_HEADER, activity.criteria),
      ]
    : [];
  const roles = activity.responsibilities.flatMap((r) => [
    boldParagraph(r.party, { keepNext: true }),
    ...bulletList(r.duties),
  ]);
  return [
    heading(`Aktivitet: ${activity.title}`, 2),
    ...richSection(H.activityContent, 3, activity.content),
    ...section(H.activityPurposes, 3, ledList(activity.purposesLeadIn, activity.purposes)),
    ...section(
      H.activityTargetGroups,
      3,
      ledList(activity.targetGroupsLeadIn, activity.targetGroups),
    ),
    ...section(H.activityCriteria, 3, criteria),
    ...section(H.activityRoles, 3, roles),
  ];
}

function activitySchemas(view: AgreementView): FileChild[] {
  if (!view.activities.length) return [];
  return [
    // Named after the focus area: a whole plan's table of contents lists it once per agreement.
    heading(`${H.schemas}: ${view.focusArea}`, 1, { pageBreakBefore: true }),
    ...view.activities.flatMap(activitySchema),
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
    ...financingSection(view),
    ...listSection(
      H.staff,
      2,
      view.staff.map((s) => s.text),
    ),
    ...richSection(H.conflict, 2, view.conflictHandling),
    ...revisionSection(view),
    ...section(H.validity, 2, [paragraph(view.validityText)]),
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
