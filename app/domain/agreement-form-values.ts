/**
 * The stored agreement as the default values of each section's form (the inverse of the section
 * schemas): rich text as editable text, lists one per line, amounts keyed "y2024".
 */
import {
  goalTree,
  numberGoals,
  type AgreementRecord,
  type CriterionRecord,
} from "./agreement-view";
import { budgetYears } from "./agreement";
import { formatInteger } from "./format";
import { richTextToMarkdown } from "./rich-text";

const byPosition = <T extends { position: number; id: number }>(a: T, b: T) =>
  a.position - b.position || a.id - b.id;

const lines = (items: string[]) => items.join("\n");
/** A decimal as the user types it back: Danish comma, no thousands separators ("1250,5"). */
const num = (value: number | null) => (value == null ? "" : String(value).replace(".", ","));

export function criterionFormValues(c: CriterionRecord) {
  return {
    id: c.id,
    text: c.text,
    dataSource: c.dataSource,
    baselineValue: num(c.baselineValue),
    baselineUnit: c.baselineUnit ?? "",
    baselineYear: c.baselineYear ?? "",
    targetValue: num(c.targetValue),
    targetUnit: c.targetUnit ?? "",
    targetYear: c.targetYear ?? "",
    baselineText: c.baselineText ?? "",
    targetText: c.targetText ?? "",
    goalId: c.goalId ?? "",
  };
}

/**
 * The choices of a criterion's "Måler på mål/delmål": the agreement's goals and delmål in order,
 * "Mål 1: …", "Delmål 1.2: …" (long texts shortened; the number is what identifies them).
 */
export function goalSelectOptions(r: Pick<AgreementRecord, "goals">) {
  const numbers = numberGoals(r.goals);
  return goalTree(r.goals).flatMap((g) =>
    [g, ...g.subGoals].map((x) => {
      const text = x.text.replace(/\s+/g, " ").trim();
      const short = text.length > 90 ? `${text.slice(0, 89).trimEnd()}…` : text;
      return { value: String(x.id), label: `${numbers.get(x.id)!.label}: ${short}` };
    }),
  );
}

export const emptyCriterion = {
  id: "",
  text: "",
  dataSource: "",
  baselineValue: "",
  baselineUnit: "",
  baselineYear: "",
  targetValue: "",
  targetUnit: "",
  targetYear: "",
  baselineText: "",
  targetText: "",
  goalId: "",
};

export function basicsFormValues(r: AgreementRecord) {
  return { openingText: r.openingText, validFrom: r.validFrom, validTo: r.validTo };
}

export function partiesFormValues(r: AgreementRecord) {
  return {
    parties: [...r.parties].sort(byPosition).map((p) => ({
      id: p.id,
      tier: p.tier,
      groupHeading: p.groupHeading ?? "",
      organisationId: p.organisation?.id ?? "",
      newOrganisationName: "",
      label: p.label ?? "",
      contactPersonId: p.contactPerson?.id ?? "",
      newContactName: "",
      newContactTitle: "",
    })),
  };
}

export function workingGroupsFormValues(r: AgreementRecord) {
  return {
    groups: [...r.workingGroups].sort(byPosition).map((g) => ({
      id: g.id,
      name: g.name,
      members: [...g.members].sort(byPosition).map((m) => ({
        id: m.id,
        personId: m.person?.id ?? "",
        count: m.count ?? "",
        description: m.description ?? "",
        organisationId: m.organisation?.id ?? "",
        names: m.names ?? "",
      })),
    })),
  };
}

export function problemFormValues(r: AgreementRecord) {
  return { problemStatement: richTextToMarkdown(r.problemStatement) };
}

export function purposeFormValues(r: AgreementRecord) {
  return {
    purposesLeadIn: r.purposesLeadIn ?? "",
    purposes: lines(r.purposes),
    goalsLeadIn: r.goalsLeadIn ?? "",
    goals: goalTree(r.goals).map((g) => ({
      id: g.id,
      text: g.text,
      subGoals: g.subGoals.map((s) => ({ id: s.id, text: s.text })),
    })),
    primaryTargetGroup: richTextToMarkdown(r.primaryTargetGroup),
    method: richTextToMarkdown(r.method),
  };
}

export function criteriaFormValues(r: AgreementRecord) {
  return {
    criteria: r.successCriteria
      .filter((c) => c.activityId == null)
      .sort(byPosition)
      .map(criterionFormValues),
  };
}

export function interplayFormValues(r: AgreementRecord) {
  return {
    municipalInterplay: richTextToMarkdown(r.municipalInterplay),
    anchoring: richTextToMarkdown(r.anchoring),
  };
}

export function clausesFormValues(r: AgreementRecord) {
  return {
    conflictHandling: richTextToMarkdown(r.conflictHandling),
    revisionClause: richTextToMarkdown(r.revisionClause),
  };
}

export function financingFormValues(r: AgreementRecord) {
  const years = budgetYears(r.validFrom, r.validTo);
  return {
    years,
    values: {
      sources: [...r.fundingSources].sort(byPosition).map((s) => ({
        id: s.id,
        kind: s.kind,
        name: s.name ?? "",
        organisationId: s.organisation?.id ?? "",
        // Yearly amounts are the total when present; otherwise the template's way, one amount for
        // the whole period (a source without any figures has nothing to lose by it).
        split: s.amounts.length > 0 ? "yearly" : "period",
        periodTotal: s.periodTotal ? formatInteger(s.periodTotal) : "",
        amounts: Object.fromEntries(
          years.map((y) => {
            const amount = s.amounts.find((a) => a.year === y)?.amount ?? 0;
            return [`y${y}`, amount ? formatInteger(amount) : ""];
          }),
        ),
      })),
    },
  };
}

export function staffFormValues(r: AgreementRecord) {
  return {
    staff: [...r.staffResources].sort(byPosition).map((s) => ({
      id: s.id,
      description: s.description,
    })),
  };
}

export function activityFormValues(r: AgreementRecord, activityId: number) {
  const a = r.activities.find((x) => x.id === activityId);
  if (!a) return null;
  return {
    name: a.name,
    shortName: a.shortName ?? "",
    reference: a.reference ?? "",
    content: richTextToMarkdown(a.content),
    purposesLeadIn: a.purposesLeadIn ?? "",
    purposes: lines(a.purposes),
    targetGroupsLeadIn: a.targetGroupsLeadIn ?? "",
    targetGroups: lines(a.targetGroups),
    criteria: r.successCriteria
      .filter((c) => c.activityId === a.id)
      .sort(byPosition)
      .map(criterionFormValues),
    responsibilities: [...a.responsibilities].sort(byPosition).map((x) => ({
      id: x.id,
      organisationId: x.organisation?.id ?? "",
      label: x.label ?? "",
      duties: lines(x.duties),
    })),
  };
}

export const emptyActivity = {
  name: "",
  shortName: "",
  reference: "",
  content: "",
  purposesLeadIn: "",
  purposes: "",
  targetGroupsLeadIn: "",
  targetGroups: "",
  criteria: [],
  responsibilities: [],
};
