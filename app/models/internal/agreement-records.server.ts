/**
 * Loading stored agreements as records, unscoped: the callers (models) check access first.
 * Never import this from a route or a component (lint forbids it).
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/client";
import {
  activities,
  agreementParties,
  agreements,
  budgetAmounts,
  focusAreas,
  fundingRounds,
  fundingSources,
  goals,
  organisations,
  people,
  plans,
  responsibilities,
  staffResources,
  successCriteria,
  workingGroupMembers,
  workingGroups,
} from "../../../db/schema";
import { type AgreementRecord } from "~/domain/agreement-view";

// --- reading ---------------------------------------------------------------------------------

const contactPerson = alias(people, "contact_person");
const partyOrganisation = alias(organisations, "party_organisation");
const memberPerson = alias(people, "member_person");
const memberOrganisation = alias(organisations, "member_organisation");

const byAgreement = <T extends { agreementId: number }>(rows: T[]) => {
  const map = new Map<number, T[]>();
  for (const row of rows) {
    const list = map.get(row.agreementId) ?? [];
    list.push(row);
    map.set(row.agreementId, list);
  }
  return (id: number) => map.get(id) ?? [];
};

/**
 * The full stored agreements with these ids: a fixed set of flat, indexed queries (one per kind
 * of row, run together), assembled here. The count does not grow with the number of agreements,
 * activities or criteria; flat selects proved several times faster than one nested relational
 * query with JSON aggregation (bench/README.md).
 */
export async function loadAgreementRecords(db: Db, ids: number[]): Promise<AgreementRecord[]> {
  if (!ids.length) return [];
  const [
    base,
    partyRows,
    groupRows,
    memberRows,
    criteriaRows,
    activityRows,
    responsibilityRows,
    sourceRows,
    amountRows,
    staffRows,
    goalRows,
  ] = await Promise.all([
    db
      .select({
        agreement: agreements,
        updatedAtText: sql<string>`to_char(${agreements.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
        plan: {
          id: plans.id,
          name: plans.name,
          periodStart: plans.periodStart,
          periodEnd: plans.periodEnd,
          templateEdition: plans.templateEdition,
        },
        fundingRound: fundingRounds.name,
        focusArea: { id: focusAreas.id, name: focusAreas.name },
      })
      .from(agreements)
      .innerJoin(plans, eq(plans.id, agreements.planId))
      .innerJoin(fundingRounds, eq(fundingRounds.id, plans.fundingRoundId))
      .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
      .where(inArray(agreements.id, ids)),
    db
      .select({
        agreementId: agreementParties.agreementId,
        id: agreementParties.id,
        tier: agreementParties.tier,
        groupHeading: agreementParties.groupHeading,
        label: agreementParties.label,
        position: agreementParties.position,
        organisation: { id: partyOrganisation.id, name: partyOrganisation.name },
        contactPerson: {
          id: contactPerson.id,
          name: contactPerson.name,
          title: contactPerson.title,
        },
      })
      .from(agreementParties)
      .leftJoin(partyOrganisation, eq(partyOrganisation.id, agreementParties.organisationId))
      .leftJoin(contactPerson, eq(contactPerson.id, agreementParties.contactPersonId))
      .where(inArray(agreementParties.agreementId, ids)),
    db
      .select({
        agreementId: workingGroups.agreementId,
        id: workingGroups.id,
        name: workingGroups.name,
        position: workingGroups.position,
      })
      .from(workingGroups)
      .where(inArray(workingGroups.agreementId, ids)),
    db
      .select({
        groupId: workingGroupMembers.workingGroupId,
        id: workingGroupMembers.id,
        count: workingGroupMembers.count,
        description: workingGroupMembers.description,
        names: workingGroupMembers.names,
        position: workingGroupMembers.position,
        person: { id: memberPerson.id, name: memberPerson.name, title: memberPerson.title },
        organisation: { id: memberOrganisation.id, name: memberOrganisation.name },
      })
      .from(workingGroupMembers)
      .innerJoin(workingGroups, eq(workingGroups.id, workingGroupMembers.workingGroupId))
      .leftJoin(memberPerson, eq(memberPerson.id, workingGroupMembers.personId))
      .leftJoin(memberOrganisation, eq(memberOrganisation.id, workingGroupMembers.organisationId))
      .where(inArray(workingGroups.agreementId, ids)),
    db
      .select()
      .from(successCriteria)
      .where(and(inArray(successCriteria.agreementId, ids), isNull(successCriteria.retiredAt))),
    db
      .select({
        agreementId: activities.agreementId,
        id: activities.id,
        name: activities.name,
        shortName: activities.shortName,
        reference: activities.reference,
        content: activities.content,
        purposesLeadIn: activities.purposesLeadIn,
        purposes: activities.purposes,
        targetGroupsLeadIn: activities.targetGroupsLeadIn,
        targetGroups: activities.targetGroups,
        position: activities.position,
      })
      .from(activities)
      .where(and(inArray(activities.agreementId, ids), isNull(activities.retiredAt))),
    db
      .select({
        activityId: responsibilities.activityId,
        id: responsibilities.id,
        label: responsibilities.label,
        duties: responsibilities.duties,
        position: responsibilities.position,
        organisation: { id: organisations.id, name: organisations.name },
      })
      .from(responsibilities)
      .innerJoin(activities, eq(activities.id, responsibilities.activityId))
      .leftJoin(organisations, eq(organisations.id, responsibilities.organisationId))
      .where(and(inArray(activities.agreementId, ids), isNull(activities.retiredAt))),
    db
      .select({
        agreementId: fundingSources.agreementId,
        id: fundingSources.id,
        kind: fundingSources.kind,
        name: fundingSources.name,
        periodTotal: fundingSources.periodTotal,
        position: fundingSources.position,
        organisation: { id: organisations.id, name: organisations.name },
      })
      .from(fundingSources)
      .leftJoin(organisations, eq(organisations.id, fundingSources.organisationId))
      .where(and(inArray(fundingSources.agreementId, ids), isNull(fundingSources.retiredAt))),
    db
      .select({
        sourceId: budgetAmounts.fundingSourceId,
        year: budgetAmounts.year,
        amount: budgetAmounts.amount,
      })
      .from(budgetAmounts)
      .innerJoin(fundingSources, eq(fundingSources.id, budgetAmounts.fundingSourceId))
      .where(and(inArray(fundingSources.agreementId, ids), isNull(fundingSources.retiredAt))),
    db
      .select({
        agreementId: staffResources.agreementId,
        id: staffResources.id,
        description: staffResources.description,
        position: staffResources.position,
      })
      .from(staffResources)
      .where(inArray(staffResources.agreementId, ids)),
    db
      .select({
        agreementId: goals.agreementId,
        id: goals.id,
        parentId: goals.parentId,
        text: goals.text,
        position: goals.position,
      })
      .from(goals)
      .where(inArray(goals.agreementId, ids)),
  ]);

  const groupsOf = byAgreement(groupRows);
  const partiesOf = byAgreement(partyRows);
  const criteriaOf = byAgreement(criteriaRows);
  const activitiesOf = byAgreement(activityRows);
  const sourcesOf = byAgreement(sourceRows);
  const staffOf = byAgreement(staffRows);
  const goalsOf = byAgreement(goalRows);
  const membersOf = new Map<number, typeof memberRows>();
  for (const m of memberRows) membersOf.set(m.groupId, [...(membersOf.get(m.groupId) ?? []), m]);
  const dutiesOf = new Map<number, typeof responsibilityRows>();
  for (const r of responsibilityRows)
    dutiesOf.set(r.activityId, [...(dutiesOf.get(r.activityId) ?? []), r]);
  const amountsOf = new Map<number, { year: number; amount: number }[]>();
  for (const a of amountRows)
    amountsOf.set(a.sourceId, [
      ...(amountsOf.get(a.sourceId) ?? []),
      { year: a.year, amount: Number(a.amount) },
    ]);

  return base.map(
    ({ agreement: a, updatedAtText, plan, fundingRound, focusArea }): AgreementRecord => ({
      id: a.id,
      planId: a.planId,
      version: a.version,
      updatedAt: updatedAtText,
      openingText: a.openingText,
      validFrom: a.validFrom,
      validTo: a.validTo,
      problemStatement: a.problemStatement as AgreementRecord["problemStatement"],
      purposesLeadIn: a.purposesLeadIn,
      purposes: a.purposes,
      goalsLeadIn: a.goalsLeadIn,
      goals: goalsOf(a.id).map(({ agreementId: _a, ...g }) => g),
      primaryTargetGroup: a.primaryTargetGroup as AgreementRecord["primaryTargetGroup"],
      method: a.method as AgreementRecord["method"],
      municipalInterplay: a.municipalInterplay as AgreementRecord["municipalInterplay"],
      anchoring: a.anchoring as AgreementRecord["anchoring"],
      conflictHandling: a.conflictHandling as AgreementRecord["conflictHandling"],
      revisionClause: a.revisionClause as AgreementRecord["revisionClause"],
      plan: { ...plan, fundingRound: { name: fundingRound } },
      focusArea,
      // Drizzle gives a left-joined object as null when the row has none.
      parties: partiesOf(a.id).map(({ agreementId: _a, ...p }) => p),
      workingGroups: groupsOf(a.id).map(({ agreementId: _a, ...g }) => ({
        ...g,
        members: (membersOf.get(g.id) ?? []).map(({ groupId: _g, ...m }) => m),
      })),
      successCriteria: criteriaOf(a.id),
      activities: activitiesOf(a.id).map(({ agreementId: _a, ...x }) => ({
        ...x,
        content: x.content as AgreementRecord["activities"][number]["content"],
        responsibilities: (dutiesOf.get(x.id) ?? []).map(({ activityId: _x, ...r }) => r),
      })),
      fundingSources: sourcesOf(a.id).map(({ agreementId: _a, ...f }) => ({
        ...f,
        amounts: amountsOf.get(f.id) ?? [],
      })),
      staffResources: staffOf(a.id).map(({ agreementId: _a, ...s }) => s),
    }),
  );
}

/** The full stored agreement (a fixed number of queries, whatever its size). */
export async function loadAgreementRecord(
  db: Db,
  agreementId: number,
): Promise<AgreementRecord | null> {
  const [record] = await loadAgreementRecords(db, [agreementId]);
  return record ?? null;
}

/** Every agreement of a plan (in focus-area order) plus the plan, in a fixed number of queries. */
export async function loadPlanAgreementRecords(db: Db, planId: number) {
  const plan = await db.query.plans.findFirst({
    where: eq(plans.id, planId),
    columns: { id: true, name: true, periodStart: true, periodEnd: true },
    with: { fundingRound: { columns: { name: true } } },
  });
  if (!plan) return { plan: null, records: [] };
  const ids = await db
    .select({ id: agreements.id })
    .from(agreements)
    .where(eq(agreements.planId, planId));
  const records = (
    await loadAgreementRecords(
      db,
      ids.map((r) => r.id),
    )
  ).sort((a, b) => a.focusArea.name.localeCompare(b.focusArea.name, "da"));
  return { plan: { ...plan, fundingRound: plan.fundingRound.name }, records };
}
