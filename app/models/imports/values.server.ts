/**
 * From an import's draft (names as written) to the values the agreement writers take (ids of the
 * register), and the register changes that saving makes: organisations and people that have no
 * match yet. Matching is by normalised name: organisations across the register, people by name
 * within their organisation.
 */
import type { z } from "zod";
import type {
  ActivitySchema,
  FundingSourceRow,
  PartiesSchema,
  WorkingGroupsSchema,
} from "~/domain/agreement";
import type { DraftCriterion, DraftPerson, ImportDraft } from "~/domain/import/types";
import type { RichText } from "~/domain/rich-text";
import type { CriterionRow } from "~/domain/agreement";
import type { PurposeValues } from "../internal/agreement-writers.server";

/** What an imported criterion without a data source gets (the database requires one, R4). */
export const MISSING_DATA_SOURCE = "Ikke angivet i Word-filen";

/** A name compared across spellings: case, spaces and trailing punctuation do not count. */
export function normaliseName(name: string): string {
  return name
    .normalize("NFC")
    .toLocaleLowerCase("da")
    .replace(/\s+/g, " ")
    .replace(/[\s.,:;]+$/, "")
    .trim();
}

export type OrganisationKind =
  "housing_organisation" | "municipality" | "police" | "school" | "ngo" | "church" | "other";

/** A new organisation's kind, guessed from its name (the secretariat can correct it in the register). */
export function guessOrganisationKind(name: string): OrganisationKind {
  const n = normaliseName(name);
  if (/kommune\b/.test(n)) return "municipality";
  if (/politi(?!s)/.test(n)) return "police";
  if (/skole\b|skolen\b/.test(n)) return "school";
  if (/kirke|sogn\b/.test(n)) return "church";
  if (/^bolig|boligselskab|boligforening|boligorganisation/.test(n)) return "housing_organisation";
  return "other";
}

export interface RegisterNeeds {
  /** Organisations the draft names, as first written, one per normalised name. */
  organisations: string[];
  /** People the draft names, with the organisation they belong to (as written) or null. */
  people: { name: string; title: string | null; organisation: string | null }[];
}

/** Every organisation and person of the register that the draft refers to. */
export function registerNeeds(draft: ImportDraft): RegisterNeeds {
  const organisations = new Map<string, string>();
  const people = new Map<string, RegisterNeeds["people"][number]>();
  const addOrganisation = (name: string | null) => {
    if (name && name.trim() && !organisations.has(normaliseName(name)))
      organisations.set(normaliseName(name), name.trim());
  };
  const addPerson = (person: DraftPerson | null, organisation: string | null) => {
    if (!person?.name.trim()) return;
    const key = personKey(organisation, person.name);
    if (!people.has(key))
      people.set(key, {
        name: person.name.trim(),
        title: person.title?.trim() || null,
        organisation: organisation?.trim() || null,
      });
  };
  for (const party of draft.parties) {
    addOrganisation(party.organisation);
    addPerson(party.contact, party.organisation);
  }
  for (const group of draft.workingGroups)
    for (const member of group.members) {
      addOrganisation(member.organisation);
      addPerson(member.person, member.organisation);
    }
  return { organisations: [...organisations.values()], people: [...people.values()] };
}

export function personKey(organisation: string | null, name: string): string {
  return `${organisation ? normaliseName(organisation) : ""}|${normaliseName(name)}`;
}

/** The register's ids for the draft's names (after saving has created the missing ones). */
export interface Resolver {
  organisationId(name: string | null): number | null;
  personId(person: DraftPerson | null, organisation: string | null): number | null;
}

/** The validity saved for a draft: its dates kept inside the plan's period (R5), else the period. */
export function importValidity(
  draft: Pick<ImportDraft, "validFrom" | "validTo">,
  plan: { periodStart: string; periodEnd: string },
): { validFrom: string; validTo: string; adjusted: boolean } {
  const from =
    draft.validFrom && draft.validFrom > plan.periodStart ? draft.validFrom : plan.periodStart;
  const to = draft.validTo && draft.validTo < plan.periodEnd ? draft.validTo : plan.periodEnd;
  if (to <= from) return { validFrom: plan.periodStart, validTo: plan.periodEnd, adjusted: true };
  const adjusted =
    (draft.validFrom != null && draft.validFrom !== from) ||
    (draft.validTo != null && draft.validTo !== to);
  return { validFrom: from, validTo: to, adjusted };
}

const EMPTY_TEXT: RichText = { blocks: [] };

type PartyRow = z.output<typeof PartiesSchema>["parties"][number];
type GroupRow = z.output<typeof WorkingGroupsSchema>["groups"][number];
type ActivityValues = z.output<typeof ActivitySchema>;

export function partyRows(draft: ImportDraft, resolve: Resolver): PartyRow[] {
  return draft.parties.map((p) => {
    const organisationId = resolve.organisationId(p.organisation);
    // The database wants a named party: a party given only by its contact is labelled by them.
    const label = p.label ?? (organisationId == null ? (p.contact?.name ?? "Part") : null);
    return {
      id: null,
      tier: p.tier,
      groupHeading: p.groupHeading,
      organisationId,
      newOrganisationName: null,
      label,
      contactPersonId: resolve.personId(p.contact, p.organisation),
      newContactName: null,
      newContactTitle: null,
    };
  });
}

export function workingGroupRows(draft: ImportDraft, resolve: Resolver): GroupRow[] {
  return draft.workingGroups.map((g, index) => ({
    id: null,
    name: g.name.trim() || `Arbejdsgruppe ${index + 1}`,
    members: g.members.map((m) => {
      const personId = resolve.personId(m.person, m.organisation);
      const organisationId = resolve.organisationId(m.organisation);
      return {
        id: null,
        personId,
        count: m.count,
        // The database wants someone: names alone become the description.
        description:
          m.description ??
          (personId == null && organisationId == null ? (m.names ?? "Medlem") : null),
        organisationId,
        names: m.description == null && personId == null && organisationId == null ? null : m.names,
      };
    }),
  }));
}

export function purposeValues(draft: ImportDraft): PurposeValues {
  return {
    purposesLeadIn: draft.purposesLeadIn,
    purposes: draft.purposes,
    goalsLeadIn: draft.goalsLeadIn,
    goals: draft.goals.map((g) => ({
      id: null,
      text: g.text,
      subGoals: g.subGoals.map((text) => ({ id: null, text })),
    })),
    primaryTargetGroup: draft.primaryTargetGroup ?? EMPTY_TEXT,
    method: draft.method ?? EMPTY_TEXT,
  };
}

export function criterionRow(c: DraftCriterion): CriterionRow {
  return {
    id: null,
    text: c.text,
    dataSource: c.dataSource.trim() || MISSING_DATA_SOURCE,
    baselineValue: c.baseline?.value ?? null,
    baselineUnit: c.baseline?.unit ?? null,
    baselineYear: c.baseline?.year ?? null,
    baselineText: c.baseline?.text ?? null,
    targetValue: c.target?.value ?? null,
    targetUnit: c.target?.unit ?? null,
    targetYear: c.target?.year ?? null,
    targetText: c.target?.text ?? null,
    // The import does not guess which goal a criterion measures; the checklist asks for it.
    goalId: null,
  };
}

export function fundingRows(draft: ImportDraft, resolve: Resolver): FundingSourceRow[] {
  return draft.fundingSources.map((s) => {
    const yearly = s.amounts.length > 0;
    return {
      id: null,
      kind: s.kind,
      name: s.name,
      organisationId:
        s.kind === "lbf" || s.kind === "local" ? null : resolve.organisationId(s.name),
      split: yearly ? "yearly" : "period",
      periodTotal: yearly ? null : (s.periodTotal ?? 0),
      amounts: Object.fromEntries(s.amounts.map((a) => [`y${a.year}`, a.amount])),
    };
  });
}

export function activityValues(draft: ImportDraft, resolve: Resolver): ActivityValues[] {
  return draft.activities.map((a, index) => ({
    name: a.name.trim() || `Aktivitet ${index + 1}`,
    shortName: a.shortName,
    reference: a.reference,
    content: a.content ?? EMPTY_TEXT,
    purposesLeadIn: a.purposesLeadIn,
    purposes: a.purposes,
    targetGroupsLeadIn: a.targetGroupsLeadIn,
    targetGroups: a.targetGroups,
    criteria: a.criteria.map(criterionRow),
    responsibilities: a.responsibilities.map((r) => {
      const organisationId = resolve.organisationId(r.party);
      return {
        id: null,
        organisationId,
        label: organisationId == null ? r.party.trim() || "Part" : null,
        duties: r.duties,
      };
    }),
  }));
}

/** Gives rows the ids of existing rows with the same key (each id once), so they keep their identity. */
export function matchIds<R extends { id: number | null }>(
  rows: R[],
  keyOf: (row: R) => string,
  existing: { id: number; key: string }[],
): R[] {
  const free = new Map<string, number[]>();
  for (const e of existing) free.set(e.key, [...(free.get(e.key) ?? []), e.id]);
  return rows.map((row) => {
    const ids = free.get(keyOf(row));
    const id = ids?.shift();
    return id == null ? row : { ...row, id };
  });
}
