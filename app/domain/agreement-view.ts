/**
 * The document view of an agreement: one plain, JSON-serialisable object built from the stored
 * rows, in the template's order. The agreement page, the Word document and (later) the approved
 * snapshots all render this object, so screen and Word never disagree. Pure: no database here.
 */
import type { TemplateEdition } from "./texts.da";
import { budgetYears, type FundingSourceKind, type PartyTier } from "./agreement";
import { computeBudget, type Budget } from "./budget";
import { formatDate, formatNumber } from "./format";
import { isRichTextEmpty, type RichText } from "./rich-text";
import { DRAFT_WORD } from "./status-words";

// --- what the model loads (the shape of the relational query) ---------------------------------

interface Named {
  id: number;
  name: string;
}

export interface CriterionRecord {
  id: number;
  activityId: number | null;
  text: string;
  dataSource: string;
  baselineValue: number | null;
  baselineUnit: string | null;
  baselineYear: number | null;
  targetValue: number | null;
  targetUnit: string | null;
  targetYear: number | null;
  baselineText: string | null;
  targetText: string | null;
  position: number;
  /** The goal or delmål the criterion measures (the målhierarki); null or absent when unlinked. */
  goalId?: number | null;
}

export interface GoalRecord {
  id: number;
  /** Null for a goal (mål); the goal's id for a sub-goal (delmål). */
  parentId: number | null;
  text: string;
  position: number;
}

export interface AgreementRecord {
  id: number;
  planId: number;
  version: number;
  /** ISO timestamp of the last save. */
  updatedAt: string;
  openingText: string;
  validFrom: string;
  validTo: string;
  problemStatement: RichText | null;
  purposesLeadIn: string | null;
  purposes: string[];
  goalsLeadIn: string | null;
  goals: GoalRecord[];
  primaryTargetGroup: RichText | null;
  method: RichText | null;
  municipalInterplay: RichText | null;
  anchoring: RichText | null;
  conflictHandling: RichText | null;
  revisionClause: RichText | null;
  plan: {
    id: number;
    name: string;
    periodStart: string;
    periodEnd: string;
    /** The fund template's edition the plan follows (the opening clause's default). */
    templateEdition: TemplateEdition;
    fundingRound: { name: string };
  };
  focusArea: Named;
  parties: {
    id: number;
    tier: PartyTier;
    groupHeading: string | null;
    label: string | null;
    position: number;
    organisation: Named | null;
    contactPerson: { id: number; name: string; title: string | null } | null;
  }[];
  workingGroups: {
    id: number;
    name: string;
    position: number;
    members: {
      id: number;
      count: number | null;
      description: string | null;
      names: string | null;
      position: number;
      person: { id: number; name: string; title: string | null } | null;
      organisation: Named | null;
    }[];
  }[];
  successCriteria: CriterionRecord[];
  activities: {
    id: number;
    name: string;
    shortName: string | null;
    reference: string | null;
    content: RichText | null;
    purposesLeadIn: string | null;
    purposes: string[];
    targetGroupsLeadIn: string | null;
    targetGroups: string[];
    position: number;
    responsibilities: {
      id: number;
      label: string | null;
      duties: string[];
      position: number;
      organisation: Named | null;
    }[];
  }[];
  fundingSources: {
    id: number;
    kind: FundingSourceKind;
    name: string | null;
    position: number;
    organisation: Named | null;
    /** The whole period's amount when the source has no yearly split. */
    periodTotal: number | null;
    amounts: { year: number; amount: number }[];
  }[];
  staffResources: { id: number; description: string; position: number }[];
}

// --- the view ------------------------------------------------------------------------------

export interface PartyView {
  id: number;
  name: string;
  /** "v. ejendomsleder Bjarne Østergaard" */
  contact: string | null;
}

export interface PartyGroupView {
  heading: string | null;
  parties: PartyView[];
}

export interface MeasureView {
  value: number | null;
  unit: string | null;
  year: number | null;
  /** A baseline or target that is not one number, as written. */
  note: string | null;
  /**
   * "42 % (2016)"; a note with its year: "53 %, 66 % og 68 % (2016)"; both: the number with its
   * year, then the note ("42 % (2016) – gennemsnit af tre afdelinger").
   */
  text: string;
}

export interface CriterionView {
  id: number;
  text: string;
  dataSource: string;
  baseline: MeasureView | null;
  target: MeasureView | null;
  /**
   * The goal or delmål the criterion measures: its number ("1", "1.2") and label ("Delmål 1.2").
   * Null when unlinked; absent in snapshots taken before the målhierarki existed.
   */
  goal?: GoalReference | null;
}

export interface GoalReference {
  id: number;
  number: string;
  label: string;
}

export interface ActivityView {
  id: number;
  /** The schema's full name. */
  name: string;
  /** The name used in the agreement's list of activities, when it differs. */
  shortName: string | null;
  reference: string | null;
  /** "Navn (jf. reference)": the schema's title. */
  title: string;
  /** "Kort navn (jf. reference)": the line in the agreement's list of activities. */
  listTitle: string;
  content: RichText | null;
  purposesLeadIn: string | null;
  purposes: string[];
  targetGroupsLeadIn: string | null;
  targetGroups: string[];
  criteria: CriterionView[];
  responsibilities: { id: number; party: string; duties: string[] }[];
}

export interface StaffView {
  id: number;
  /** The line as the secretariat wrote it. */
  text: string;
}

export interface GoalView {
  id: number;
  text: string;
  /** Delmål under the goal. */
  subGoals: { id: number; text: string }[];
}

export interface AgreementView {
  id: number;
  planId: number;
  version: number;
  /**
   * The agreement's state in the app's status words (status-words.ts): "Udkast", "Til beslutning
   * (version 2)", "Godkendt (version 2, 3. maj 2026)", "Udkast til version 3" …; a version's
   * document says which version it is ("Version 2, godkendt 3. maj 2026").
   */
  statusLabel: string;
  title: string;
  focusArea: string;
  plan: { id: number; name: string; periodStart: string; periodEnd: string };
  fundingRound: string;
  /** The clause under the title, as the agreement words it. */
  openingClause: string;
  validFrom: string;
  validTo: string;
  /** "Aftalen gælder fra den 1. marts 2017 – 28. februar 2021." */
  validityText: string;
  parties: { primary: PartyGroupView[]; secondary: PartyGroupView[] };
  workingGroups: { id: number; name: string; members: { id: number; text: string }[] }[];
  problemStatement: RichText | null;
  purposesLeadIn: string | null;
  purposes: string[];
  goalsLeadIn: string | null;
  goals: GoalView[];
  /** The focus area's primary target group. */
  primaryTargetGroup: RichText | null;
  method: RichText | null;
  criteria: CriterionView[];
  activities: ActivityView[];
  municipalInterplay: RichText | null;
  anchoring: RichText | null;
  budget: Budget;
  staff: StaffView[];
  conflictHandling: RichText | null;
  revisionClause: RichText | null;
}

/** What a page shows of a baseline or target: its text. */
export type MeasureLine = Pick<MeasureView, "text">;

/**
 * A criterion as the agreement document and its checklist use it: the measures' text and the
 * goal's label (its id for the checklist). A CriterionView is one; toDocumentView trims one to it.
 */
export interface CriterionLine {
  id: number;
  text: string;
  dataSource: string;
  baseline: MeasureLine | null;
  target: MeasureLine | null;
  goal?: Pick<GoalReference, "id" | "label"> | null;
}

export type ActivityLine = Omit<ActivityView, "criteria"> & { criteria: CriterionLine[] };

/**
 * What the agreement document (components/agreement-document.tsx) and the checklist read: the
 * view without what they never show. An AgreementView is one; the agreement page sends the smaller
 * object toDocumentView makes (its loader data is in the page's HTML next to the markup).
 */
export type DocumentView = Omit<AgreementView, "criteria" | "activities" | "fundingRound"> & {
  criteria: CriterionLine[];
  activities: ActivityLine[];
};

function toCriterionLine(c: CriterionView): CriterionLine {
  return {
    id: c.id,
    text: c.text,
    dataSource: c.dataSource,
    baseline: c.baseline ? { text: c.baseline.text } : null,
    target: c.target ? { text: c.target.text } : null,
    goal: c.goal ? { id: c.goal.id, label: c.goal.label } : null,
  };
}

/** The view trimmed to a DocumentView (only the keys it has, each criterion trimmed). */
export function toDocumentView(view: AgreementView): DocumentView {
  return {
    id: view.id,
    planId: view.planId,
    version: view.version,
    statusLabel: view.statusLabel,
    title: view.title,
    focusArea: view.focusArea,
    plan: view.plan,
    openingClause: view.openingClause,
    validFrom: view.validFrom,
    validTo: view.validTo,
    validityText: view.validityText,
    parties: view.parties,
    workingGroups: view.workingGroups,
    problemStatement: view.problemStatement,
    purposesLeadIn: view.purposesLeadIn,
    purposes: view.purposes,
    goalsLeadIn: view.goalsLeadIn,
    goals: view.goals,
    primaryTargetGroup: view.primaryTargetGroup,
    method: view.method,
    criteria: view.criteria.map(toCriterionLine),
    activities: view.activities.map((a) => ({
      id: a.id,
      name: a.name,
      shortName: a.shortName,
      reference: a.reference,
      title: a.title,
      listTitle: a.listTitle,
      content: a.content,
      purposesLeadIn: a.purposesLeadIn,
      purposes: a.purposes,
      targetGroupsLeadIn: a.targetGroupsLeadIn,
      targetGroups: a.targetGroups,
      criteria: a.criteria.map(toCriterionLine),
      responsibilities: a.responsibilities,
    })),
    municipalInterplay: view.municipalInterplay,
    anchoring: view.anchoring,
    budget: view.budget,
    staff: view.staff,
    conflictHandling: view.conflictHandling,
    revisionClause: view.revisionClause,
  };
}

const byPosition = <T extends { position: number; id: number }>(a: T, b: T) =>
  a.position - b.position || a.id - b.id;

function measure(
  value: number | null,
  unit: string | null,
  year: number | null,
  note: string | null = null,
): MeasureView | null {
  const written = note?.trim() || null;
  if (value == null && !unit && year == null && !written) return null;
  // A unit alone prints only when nothing else says what the measure is.
  const amount =
    value != null
      ? `${formatNumber(value)}${unit ? (unit === "%" ? " %" : ` ${unit}`) : ""}`
      : written
        ? ""
        : (unit ?? "");
  const dated = [amount || written, year != null ? `(${year})` : ""].filter(Boolean).join(" ");
  // Both a number and a text: the number with its year first, the text as written after it.
  const text = amount && written ? `${dated} – ${written}` : dated;
  return { value, unit, year, note: written, text };
}

export function toCriterionView(
  c: CriterionRecord,
  goalNumbers?: Map<number, GoalReference>,
): CriterionView {
  const view: CriterionView = {
    id: c.id,
    text: c.text,
    dataSource: c.dataSource,
    baseline: measure(c.baselineValue, c.baselineUnit, c.baselineYear, c.baselineText),
    target: measure(c.targetValue, c.targetUnit, c.targetYear, c.targetText),
  };
  // Only with the agreement's goals at hand (a criterion seen alone carries no goal reference).
  if (goalNumbers) view.goal = (c.goalId != null && goalNumbers.get(c.goalId)) || null;
  return view;
}

/**
 * The agreement's goals numbered as the agreement lists them: goals "1", "2" … and their delmål
 * "1.1", "1.2" …, labelled "Mål 1" and "Delmål 1.2".
 */
export function numberGoals(rows: GoalRecord[]): Map<number, GoalReference> {
  const numbers = new Map<number, GoalReference>();
  goalTree(rows).forEach((g, i) => {
    numbers.set(g.id, { id: g.id, number: `${i + 1}`, label: `Mål ${i + 1}` });
    g.subGoals.forEach((s, j) => {
      const number = `${i + 1}.${j + 1}`;
      numbers.set(s.id, { id: s.id, number, label: `Delmål ${number}` });
    });
  });
  return numbers;
}

/** Groups consecutive parties under their sub-heading, keeping the user's order. */
function groupParties(parties: AgreementRecord["parties"], tier: PartyTier): PartyGroupView[] {
  const groups: PartyGroupView[] = [];
  for (const p of parties.filter((x) => x.tier === tier).sort(byPosition)) {
    const heading = p.groupHeading?.trim() || null;
    const name = p.organisation
      ? p.label
        ? `${p.organisation.name}, ${p.label}`
        : p.organisation.name
      : (p.label ?? "");
    const contact = p.contactPerson
      ? `v. ${[p.contactPerson.title?.toLocaleLowerCase("da"), p.contactPerson.name].filter(Boolean).join(" ")}`
      : null;
    const last = groups[groups.length - 1];
    const view = { id: p.id, name, contact };
    if (last && last.heading === heading) last.parties.push(view);
    else groups.push({ heading, parties: [view] });
  }
  return groups;
}

/** "Ida Mørch, ejendomsleder (Afd. 12 Strandengen)", "4 beboerdemokrater (Ali, Bo, Cai, Dea)". */
function memberText(m: AgreementRecord["workingGroups"][number]["members"][number]): string {
  if (m.person) {
    const who = [m.person.name, m.person.title?.toLocaleLowerCase("da")].filter(Boolean).join(", ");
    const from = m.organisation ? ` (${m.organisation.name})` : "";
    return m.description ? `${m.description}: ${who}${from}` : `${who}${from}`;
  }
  const org = m.organisation?.name;
  const what = m.description ? (org ? `${m.description} fra ${org}` : m.description) : (org ?? "");
  const head = m.count != null ? `${m.count} ${what}` : what;
  return m.names ? `${head} (${m.names})` : head;
}

function sourceLabel(s: AgreementRecord["fundingSources"][number]): string {
  if (s.kind === "lbf") return s.name ?? "Landsbyggefonden";
  if (s.kind === "local") return s.name ?? "Lokal medfinansiering";
  // A typed name overrides the organisation's own (e.g. a department of the municipality).
  return s.name ?? s.organisation?.name ?? "Lokal medfinansiering";
}

/**
 * "Aftalen gælder fra den 1. januar 2023 – 31. december 2026.", kept per period: date-fns'
 * formatting costs tens of microseconds a date, and an agreement's period seldom changes.
 */
const validityTexts = new Map<string, string>();

function validityText(from: string, to: string): string {
  const key = `${from}/${to}`;
  let text = validityTexts.get(key);
  if (text === undefined) {
    text = `Aftalen gælder fra den ${formatDate(from)} – ${formatDate(to)}.`;
    // Bounded: a few hundred agreements' periods at most in practice.
    if (validityTexts.size >= 1000) validityTexts.clear();
    validityTexts.set(key, text);
  }
  return text;
}

/** An agreement's title, from its focus area. */
export function agreementTitle(focusArea: string): string {
  return `Delaftale for indsatsområdet ${focusArea}`;
}

export function buildAgreementView(
  record: AgreementRecord,
  statusLabel: string = DRAFT_WORD,
): AgreementView {
  const criteria = [...record.successCriteria].sort(byPosition);
  const goalNumbers = numberGoals(record.goals);
  const criterionView = (c: CriterionRecord) => toCriterionView(c, goalNumbers);
  const activityCriteria = new Map<number, CriterionView[]>();
  for (const c of criteria) {
    if (c.activityId == null) continue;
    const list = activityCriteria.get(c.activityId) ?? [];
    list.push(criterionView(c));
    activityCriteria.set(c.activityId, list);
  }
  const years = budgetYears(record.validFrom, record.validTo);
  return {
    id: record.id,
    planId: record.planId,
    version: record.version,
    statusLabel,
    title: agreementTitle(record.focusArea.name),
    focusArea: record.focusArea.name,
    plan: {
      id: record.plan.id,
      name: record.plan.name,
      periodStart: record.plan.periodStart,
      periodEnd: record.plan.periodEnd,
    },
    fundingRound: record.plan.fundingRound.name,
    openingClause: record.openingText,
    validFrom: record.validFrom,
    validTo: record.validTo,
    validityText: validityText(record.validFrom, record.validTo),
    parties: {
      primary: groupParties(record.parties, "primary"),
      secondary: groupParties(record.parties, "secondary"),
    },
    workingGroups: [...record.workingGroups].sort(byPosition).map((g) => ({
      id: g.id,
      name: g.name,
      members: [...g.members].sort(byPosition).map((m) => ({ id: m.id, text: memberText(m) })),
    })),
    problemStatement: emptyToNull(record.problemStatement),
    purposesLeadIn: leadIn(record.purposesLeadIn),
    purposes: record.purposes,
    goalsLeadIn: leadIn(record.goalsLeadIn),
    goals: goalTree(record.goals),
    primaryTargetGroup: emptyToNull(record.primaryTargetGroup),
    method: emptyToNull(record.method),
    criteria: criteria.filter((c) => c.activityId == null).map(criterionView),
    activities: [...record.activities].sort(byPosition).map((a) => ({
      id: a.id,
      name: a.name,
      shortName: a.shortName?.trim() || null,
      reference: a.reference,
      title: withReference(a.name, a.reference),
      listTitle: withReference(a.shortName?.trim() || a.name, a.reference),
      content: emptyToNull(a.content),
      purposesLeadIn: leadIn(a.purposesLeadIn),
      purposes: a.purposes,
      targetGroupsLeadIn: leadIn(a.targetGroupsLeadIn),
      targetGroups: a.targetGroups,
      criteria: activityCriteria.get(a.id) ?? [],
      responsibilities: [...a.responsibilities].sort(byPosition).map((r) => ({
        id: r.id,
        party: r.organisation
          ? r.label
            ? `${r.organisation.name} (${r.label})`
            : r.organisation.name
          : (r.label ?? ""),
        duties: r.duties,
      })),
    })),
    municipalInterplay: emptyToNull(record.municipalInterplay),
    anchoring: emptyToNull(record.anchoring),
    budget: computeBudget(
      years,
      [...record.fundingSources].sort(byPosition).map((s) => ({
        id: s.id,
        kind: s.kind,
        label: sourceLabel(s),
        periodTotal: s.periodTotal,
        amounts: s.amounts,
      })),
    ),
    staff: [...record.staffResources]
      .sort(byPosition)
      .map((s) => ({ id: s.id, text: s.description })),
    conflictHandling: emptyToNull(record.conflictHandling),
    revisionClause: emptyToNull(record.revisionClause),
  };
}

function emptyToNull(text: RichText | null): RichText | null {
  return isRichTextEmpty(text) ? null : text;
}

function leadIn(text: string | null): string | null {
  return text?.trim() || null;
}

function withReference(name: string, reference: string | null): string {
  return reference ? `${name} (${reference})` : name;
}

/** Goals in order, each with its delmål in order. */
export function goalTree(rows: GoalRecord[]): GoalView[] {
  const sorted = [...rows].sort(byPosition);
  return sorted
    .filter((g) => g.parentId == null)
    .map((g) => ({
      id: g.id,
      text: g.text,
      subGoals: sorted.filter((s) => s.parentId === g.id).map((s) => ({ id: s.id, text: s.text })),
    }));
}

// --- completeness checklist (R4, R5 and empty sections) ---------------------------------------

export interface ChecklistItem {
  key: string;
  label: string;
  ok: boolean;
  /** A rule that blocks submitting for approval (R4/R5), not just an empty section. */
  rule: boolean;
  /** The section to edit, and the field to jump to. */
  section: string;
  field?: string;
}

export function agreementChecklist(view: DocumentView): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const add = (item: ChecklistItem) => items.push(item);
  const insidePlan = view.validFrom >= view.plan.periodStart && view.validTo <= view.plan.periodEnd;
  add({
    key: "validity",
    label: insidePlan
      ? "Gyldighedsperioden ligger inden for planens periode"
      : "Gyldighedsperioden skal ligge inden for planens periode",
    ok: insidePlan,
    rule: true,
    section: "basics",
    field: "validFrom",
  });
  add({
    key: "criteria",
    label: "Delaftalen har mindst ét succeskriterium",
    ok: view.criteria.length > 0,
    rule: true,
    section: "criteria",
  });
  const allCriteria = [...view.criteria, ...view.activities.flatMap((a) => a.criteria)];
  add({
    key: "data-sources",
    label: "Alle succeskriterier har en datakilde",
    ok: allCriteria.every((c) => c.dataSource.trim().length > 0),
    rule: true,
    section: "criteria",
  });
  add({
    key: "activities",
    label: "Delaftalen har mindst én aktivitet",
    ok: view.activities.length > 0,
    rule: false,
    section: "activities",
  });
  for (const activity of view.activities) {
    add({
      key: `activity-${activity.id}-criteria`,
      label: `Aktiviteten «${activity.name}» har mindst ét succeskriterium`,
      ok: activity.criteria.length > 0,
      rule: true,
      section: `activities/${activity.id}`,
      field: "criteria",
    });
  }
  addGoalLinkItems(view, add);
  const sections: [string, boolean, string, string?][] = [
    ["Aftalens parter", view.parties.primary.length + view.parties.secondary.length > 0, "parties"],
    ["Arbejdsgrupper", view.workingGroups.length > 0, "working-groups"],
    ["Problemkompleks", view.problemStatement !== null, "problem", "problemStatement"],
    ["Formål", view.purposes.length > 0, "purpose", "purposes"],
    ["Mål", view.goals.length > 0, "purpose", "goals"],
    ["Metode", view.method !== null, "purpose", "method"],
    [
      "Samspil med den kommunale indsats",
      view.municipalInterplay !== null,
      "interplay",
      "municipalInterplay",
    ],
    ["Forankring", view.anchoring !== null, "interplay", "anchoring"],
    ["Finansiering", view.budget.total.total > 0, "financing"],
    ["Medarbejderressourcer", view.staff.length > 0, "staff"],
    [
      "Konflikthåndtering og underretning",
      view.conflictHandling !== null,
      "clauses",
      "conflictHandling",
    ],
    ["Revision af delaftalen", view.revisionClause !== null, "clauses", "revisionClause"],
  ];
  for (const [label, ok, section, field] of sections) {
    add({
      key: `section-${section}-${field ?? ""}`,
      label: ok ? `${label} er udfyldt` : `${label} er ikke udfyldt`,
      ok,
      rule: false,
      section,
      field,
    });
  }
  return items;
}

/**
 * The målhierarki's links: every criterion measures a goal or delmål, and every leaf goal (a delmål,
 * or a goal without delmål) has a criterion. Not rules that block submitting; each missing link is
 * its own item, pointing at the form where it is fixed.
 */
function addGoalLinkItems(view: DocumentView, add: (item: ChecklistItem) => void) {
  const criteria = [
    ...view.criteria.map((c) => ({ c, section: "criteria", activity: null as string | null })),
    ...view.activities.flatMap((a) =>
      a.criteria.map((c) => ({ c, section: `activities/${a.id}`, activity: a.name })),
    ),
  ];
  const goalIds = new Set(view.goals.flatMap((g) => [g.id, ...g.subGoals.map((s) => s.id)]));
  const unlinked = criteria.filter(({ c }) => c.goal == null || !goalIds.has(c.goal.id));
  if (criteria.length > 0 && unlinked.length === 0) {
    add({
      key: "criteria-goals",
      label: "Alle succeskriterier er knyttet til et mål eller delmål",
      ok: true,
      rule: false,
      section: "criteria",
    });
  }
  for (const { c, section, activity } of unlinked) {
    add({
      key: `criterion-${c.id}-goal`,
      label: `Succeskriteriet «${shorten(c.text)}»${activity ? ` (aktiviteten «${activity}»)` : ""} er ikke knyttet til et mål eller delmål`,
      ok: false,
      rule: false,
      section,
      field: "criteria",
    });
  }
  const measured = new Set(criteria.flatMap(({ c }) => (c.goal ? [c.goal.id] : [])));
  const leaves = view.goals.flatMap((g, i) =>
    g.subGoals.length
      ? g.subGoals.map((s, j) => ({ id: s.id, label: `Delmål ${i + 1}.${j + 1}`, text: s.text }))
      : [{ id: g.id, label: `Mål ${i + 1}`, text: g.text }],
  );
  const unmeasured = leaves.filter((g) => !measured.has(g.id));
  if (leaves.length > 0 && unmeasured.length === 0) {
    add({
      key: "goals-criteria",
      label: "Alle mål og delmål har mindst ét succeskriterium",
      ok: true,
      rule: false,
      section: "criteria",
    });
  }
  for (const g of unmeasured) {
    add({
      key: `goal-${g.id}-criteria`,
      label: `${g.label} «${shorten(g.text)}» har ingen succeskriterier`,
      ok: false,
      rule: false,
      section: "criteria",
      field: "criteria",
    });
  }
}

function shorten(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1).trimEnd()}…` : oneLine;
}

/** Whether the agreement may be submitted for approval (every rule holds). */
export function isReadyForApproval(items: ChecklistItem[]): boolean {
  return items.every((i) => !i.rule || i.ok);
}
