/**
 * The rows of an agreement's working draft that an import saved as a revision may keep: a row of
 * the import that says the same as a current row (same text, same party, same funding line) takes
 * that row's id, so criteria keep their measurements, funding lines their spend, and the board's
 * diff pairs the rows instead of showing each as removed and added.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  activities,
  agreementParties,
  fundingSources,
  goals,
  organisations,
  responsibilities,
  staffResources,
  successCriteria,
  workingGroupMembers,
  workingGroups,
} from "../../../db/schema";
import { normaliseName } from "./values.server";

export function partyKey(p: {
  tier: string;
  groupHeading: string | null;
  organisationId: number | null;
  label: string | null;
}): string {
  return `${p.tier}|${normaliseName(p.groupHeading ?? "")}|${p.organisationId ?? ""}|${normaliseName(p.label ?? "")}`;
}

export function memberKey(m: {
  personId: number | null;
  organisationId: number | null;
  description: string | null;
}): string {
  return `${m.personId ?? ""}|${m.organisationId ?? ""}|${normaliseName(m.description ?? "")}`;
}

export function dutyKey(r: { organisationId: number | null; label: string | null }): string {
  return `${r.organisationId ?? ""}|${normaliseName(r.label ?? "")}`;
}

export function sourceKey(s: { kind: string; name: string | null }): string {
  return `${s.kind}|${normaliseName(s.name ?? "")}`;
}

/** The agreement's current rows that an import may keep (by what they say). */
export async function currentRows(tx: Db, agreementId: number) {
  const [
    goalRows,
    criteriaRows,
    sourceRows,
    activityRows,
    currentParties,
    groupRows,
    memberRows,
    staffRows,
    dutyRows,
  ] = await Promise.all([
    tx
      .select({ id: goals.id, text: goals.text })
      .from(goals)
      .where(and(eq(goals.agreementId, agreementId), isNull(goals.parentId))),
    tx
      .select({
        id: successCriteria.id,
        text: successCriteria.text,
        activityId: successCriteria.activityId,
      })
      .from(successCriteria)
      .where(and(eq(successCriteria.agreementId, agreementId), isNull(successCriteria.retiredAt))),
    tx
      .select({
        id: fundingSources.id,
        kind: fundingSources.kind,
        name: sql<string | null>`coalesce(${fundingSources.name}, ${organisations.name})`,
      })
      .from(fundingSources)
      .leftJoin(organisations, eq(organisations.id, fundingSources.organisationId))
      .where(and(eq(fundingSources.agreementId, agreementId), isNull(fundingSources.retiredAt))),
    tx
      .select({ id: activities.id, name: activities.name })
      .from(activities)
      .where(and(eq(activities.agreementId, agreementId), isNull(activities.retiredAt))),
    tx
      .select({
        id: agreementParties.id,
        tier: agreementParties.tier,
        groupHeading: agreementParties.groupHeading,
        organisationId: agreementParties.organisationId,
        label: agreementParties.label,
      })
      .from(agreementParties)
      .where(eq(agreementParties.agreementId, agreementId)),
    tx
      .select({ id: workingGroups.id, name: workingGroups.name })
      .from(workingGroups)
      .where(eq(workingGroups.agreementId, agreementId)),
    tx
      .select({
        id: workingGroupMembers.id,
        groupId: workingGroupMembers.workingGroupId,
        personId: workingGroupMembers.personId,
        organisationId: workingGroupMembers.organisationId,
        description: workingGroupMembers.description,
      })
      .from(workingGroupMembers)
      .innerJoin(workingGroups, eq(workingGroups.id, workingGroupMembers.workingGroupId))
      .where(eq(workingGroups.agreementId, agreementId)),
    tx
      .select({ id: staffResources.id, description: staffResources.description })
      .from(staffResources)
      .where(eq(staffResources.agreementId, agreementId)),
    tx
      .select({
        id: responsibilities.id,
        activityId: responsibilities.activityId,
        organisationId: responsibilities.organisationId,
        label: responsibilities.label,
      })
      .from(responsibilities)
      .innerJoin(activities, eq(activities.id, responsibilities.activityId))
      .where(eq(activities.agreementId, agreementId)),
  ]);
  return {
    goals: goalRows.map((g) => ({ id: g.id, key: normaliseName(g.text) })),
    criteria: criteriaRows
      .filter((c) => c.activityId == null)
      .map((c) => ({ id: c.id, key: normaliseName(c.text) })),
    activityCriteria: criteriaRows
      .filter((c) => c.activityId != null)
      .map((c) => ({ id: c.id, key: normaliseName(c.text), activityId: c.activityId })),
    sources: sourceRows.map((s) => ({ id: s.id, key: sourceKey(s) })),
    activities: activityRows.map((a) => ({ id: a.id, key: normaliseName(a.name) })),
    parties: currentParties.map((p) => ({ id: p.id, key: partyKey(p) })),
    groups: groupRows.map((g) => ({ id: g.id, key: normaliseName(g.name) })),
    members: memberRows.map((m) => ({ id: m.id, groupId: m.groupId, key: memberKey(m) })),
    staff: staffRows.map((r) => ({ id: r.id, key: normaliseName(r.description) })),
    responsibilities: dutyRows.map((r) => ({
      id: r.id,
      activityId: r.activityId,
      key: dutyKey(r),
    })),
  };
}
