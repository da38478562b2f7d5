/**
 * The tx-level writes of an agreement's working draft, one per section: the section savers
 * (agreements/sections.server.ts, agreements/activities.server.ts) run them inside saveSection, and
 * saving an import (imports/save.server.ts) runs them all in its own transaction. Lists are synced
 * by id (see row-sync.server.ts); rows with history are retired, not deleted (retired-rows.server.ts).
 * Never import this from a route or a component (lint forbids it).
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../../db/client";
import {
  activities,
  agreementParties,
  agreements,
  budgetAmounts,
  fundingSources,
  goals,
  organisations,
  people,
  responsibilities,
  staffResources,
  successCriteria,
  workingGroupMembers,
  workingGroups,
} from "../../../db/schema";
import type {
  ActivitySchema,
  CriteriaSchema,
  FundingSourceRow,
  PartiesSchema,
  PurposeSchema,
  StaffSchema,
  WorkingGroupsSchema,
} from "~/domain/agreement";
import { budgetYears } from "~/domain/agreement";
import type { SessionUser } from "~/domain/user";
import { recordAudit } from "../audit.server";
import { FieldValidationError } from "../errors.server";
import { criterionColumns, CRITERION_UPDATE_COLUMNS } from "./agreement-draft.server";
import { removeCriteria, removeFundingSources, type RemovalOptions } from "./retired-rows.server";
import { FOREIGN_ROW_MESSAGE, idsOf, syncRows } from "./row-sync.server";

export async function writeParties(
  tx: Db,
  user: SessionUser,
  agreementId: number,
  values: z.output<typeof PartiesSchema>,
) {
  // Organisations and contact people typed inline are created in the register first.
  const rows = [];
  for (const party of values.parties) {
    let organisationId = party.organisationId;
    if (organisationId == null && party.newOrganisationName) {
      organisationId = await findOrCreateOrganisation(tx, user, party.newOrganisationName);
    }
    let contactPersonId = party.contactPersonId;
    if (contactPersonId == null && party.newContactName) {
      const [person] = await tx
        .insert(people)
        .values({ name: party.newContactName, title: party.newContactTitle, organisationId })
        .returning();
      await recordAudit(tx, {
        user,
        action: "person.create",
        entityType: "person",
        entityId: person!.id,
        after: person,
      });
      contactPersonId = person!.id;
    }
    rows.push({ ...party, organisationId, contactPersonId });
  }
  await syncRows(
    tx,
    agreementParties,
    await idsOf(tx, agreementParties, eq(agreementParties.agreementId, agreementId)),
    rows,
    (p, position) => ({
      agreementId,
      tier: p.tier,
      groupHeading: p.groupHeading,
      organisationId: p.organisationId,
      label: p.label,
      contactPersonId: p.contactPersonId,
      position,
    }),
    ["tier", "groupHeading", "organisationId", "label", "contactPersonId", "position"],
    { field: "parties" },
  );
}

async function findOrCreateOrganisation(tx: Db, user: SessionUser, name: string): Promise<number> {
  const [existing] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(sql`lower(${organisations.name})`, name.toLowerCase()))
    .orderBy(asc(organisations.id))
    .limit(1);
  // Reuse an organisation of any kind with that name rather than duplicating it in the register.
  if (existing) return existing.id;
  const [created] = await tx.insert(organisations).values({ kind: "other", name }).returning();
  await recordAudit(tx, {
    user,
    action: "organisation.create",
    entityType: "organisation",
    entityId: created!.id,
    after: created,
  });
  return created!.id;
}

export async function writeWorkingGroups(
  tx: Db,
  agreementId: number,
  values: z.output<typeof WorkingGroupsSchema>,
) {
  const groupIds = await syncRows(
    tx,
    workingGroups,
    await idsOf(tx, workingGroups, eq(workingGroups.agreementId, agreementId)),
    values.groups,
    (g, position) => ({ agreementId, name: g.name, position }),
    ["name", "position"],
    { field: "groups" },
  );
  const existingMembers = groupIds.length
    ? await tx
        .select({ id: workingGroupMembers.id, groupId: workingGroupMembers.workingGroupId })
        .from(workingGroupMembers)
        .where(inArray(workingGroupMembers.workingGroupId, groupIds))
    : [];
  for (const [index, group] of values.groups.entries()) {
    const groupId = groupIds[index]!;
    await syncRows(
      tx,
      workingGroupMembers,
      existingMembers.filter((m) => m.groupId === groupId).map((m) => m.id),
      group.members,
      (m, position) => ({
        workingGroupId: groupId,
        personId: m.personId,
        count: m.count,
        description: m.description,
        organisationId: m.organisationId,
        names: m.names,
        position,
      }),
      ["personId", "count", "description", "organisationId", "names", "position"],
      { field: `groups.${index}.members` },
    );
  }
}

/** The purpose form's values; a caller that leaves out a lead-in or the target group keeps the stored one. */
export type PurposeValues = Omit<
  z.output<typeof PurposeSchema>,
  "purposesLeadIn" | "goalsLeadIn" | "primaryTargetGroup"
> &
  Partial<
    Pick<z.output<typeof PurposeSchema>, "purposesLeadIn" | "goalsLeadIn" | "primaryTargetGroup">
  >;

/**
 * Purposes, goals with their delmål, the primary target group and the method. Goals and delmål
 * are synced by id (success criteria will refer to them). A delmål may move to another goal of
 * the same agreement and keep its id.
 */
export async function writePurpose(tx: Db, agreementId: number, values: PurposeValues) {
  const { goals: goalRows, ...columns } = values;
  await tx.update(agreements).set(columns).where(eq(agreements.id, agreementId));
  const existing = await tx
    .select({ id: goals.id, parentId: goals.parentId })
    .from(goals)
    .where(eq(goals.agreementId, agreementId));
  const existingSubGoalIds = existing.filter((g) => g.parentId != null).map((g) => g.id);
  // Reported at the goal whose delmål list holds the stale id, not at the whole list.
  const knownSubGoals = new Set(existingSubGoalIds);
  for (const [index, goal] of goalRows.entries()) {
    if (goal.subGoals.some((s) => s.id != null && !knownSubGoals.has(s.id))) {
      throw new FieldValidationError({ [`goals.${index}.subGoals`]: FOREIGN_ROW_MESSAGE });
    }
  }
  const goalIds = await syncRows(
    tx,
    goals,
    existing.filter((g) => g.parentId == null).map((g) => g.id),
    goalRows,
    (g, position) => ({ agreementId, parentId: null, text: g.text, position }),
    ["text", "position"],
    { field: "goals" },
  );
  // A removed goal's delmål went with it (on delete cascade); one that moved to a kept goal
  // is written back below under its own id.
  await syncRows(
    tx,
    goals,
    existingSubGoalIds,
    goalRows.flatMap((goal, index) =>
      goal.subGoals.map((sub, position) => ({ ...sub, parentId: goalIds[index]!, position })),
    ),
    (s) => ({ agreementId, parentId: s.parentId, text: s.text, position: s.position }),
    ["parentId", "text", "position"],
    { field: "goals" },
  );
}

/** A criterion may only measure a goal or delmål of its own agreement. */
export const GOAL_NOT_IN_AGREEMENT_MESSAGE =
  "Målet findes ikke i denne delaftale. Vælg et af delaftalens mål eller delmål.";

/**
 * Refuses (FieldValidationError at the row's goal field) a criterion linked to a goal that is not
 * one of this agreement's goals or delmål: another agreement's, or one removed meanwhile.
 */
async function checkCriterionGoals(
  tx: Db,
  agreementId: number,
  criteria: { goalId?: number | null }[],
  field: string,
) {
  const wanted = [...new Set(criteria.flatMap((c) => (c.goalId != null ? [c.goalId] : [])))];
  if (!wanted.length) return;
  const found = await tx
    .select({ id: goals.id })
    .from(goals)
    .where(and(eq(goals.agreementId, agreementId), inArray(goals.id, wanted)));
  const known = new Set(found.map((g) => g.id));
  const errors: Record<string, string> = {};
  criteria.forEach((c, i) => {
    if (c.goalId != null && !known.has(c.goalId))
      errors[`${field}.${i}.goalId`] = GOAL_NOT_IN_AGREEMENT_MESSAGE;
  });
  if (Object.keys(errors).length) throw new FieldValidationError(errors);
}

/** The agreement's own success criteria (not the activities'). */
export async function writeCriteria(
  tx: Db,
  agreementId: number,
  values: z.output<typeof CriteriaSchema>,
  options: RemovalOptions,
) {
  await checkCriterionGoals(tx, agreementId, values.criteria, "criteria");
  const existing = await tx
    .select({ id: successCriteria.id })
    .from(successCriteria)
    .where(
      and(
        eq(successCriteria.agreementId, agreementId),
        isNull(successCriteria.activityId),
        isNull(successCriteria.retiredAt),
      ),
    );
  await syncRows(
    tx,
    successCriteria,
    existing.map((r) => r.id),
    values.criteria,
    criterionColumns(agreementId, null),
    [...CRITERION_UPDATE_COLUMNS],
    { field: "criteria", remove: removeCriteria("criteria", options) },
  );
}

/**
 * Code without the form (demo data, scripts, imports) may leave out the split: yearly amounts then.
 * Each source keeps either a period total or yearly amounts, never both.
 */
export function normaliseFundingSources(sources: FundingSourceRow[]) {
  return sources.map((s) => {
    const periodTotal = s.split === "yearly" ? null : (s.periodTotal ?? null);
    return { ...s, periodTotal, amounts: periodTotal === null ? s.amounts : {} };
  });
}

/** The budget; a removed funding source with spend is retired (after confirmation). */
export async function writeFinancing(
  tx: Db,
  agreementId: number,
  sources: ReturnType<typeof normaliseFundingSources>,
  options: RemovalOptions,
) {
  const [agreement] = await tx
    .select({ validFrom: agreements.validFrom, validTo: agreements.validTo })
    .from(agreements)
    .where(eq(agreements.id, agreementId));
  const years = budgetYears(agreement!.validFrom, agreement!.validTo);
  const sourceIds = await syncRows(
    tx,
    fundingSources,
    await idsOf(
      tx,
      fundingSources,
      and(eq(fundingSources.agreementId, agreementId), isNull(fundingSources.retiredAt)),
    ),
    sources,
    (s, position) => ({
      agreementId,
      kind: s.kind,
      name: s.name,
      organisationId: s.organisationId,
      // Null when the yearly amounts are the total (the schema drops the other figure).
      periodTotal: s.periodTotal,
      position,
    }),
    ["kind", "name", "organisationId", "periodTotal", "position"],
    { field: "sources", remove: removeFundingSources("sources", options) },
  );
  // Amounts are replaced as a whole: they have no identity of their own.
  if (sourceIds.length)
    await tx.delete(budgetAmounts).where(inArray(budgetAmounts.fundingSourceId, sourceIds));
  const amounts = sources.flatMap((s, i) =>
    years
      .map((year) => ({
        fundingSourceId: sourceIds[i]!,
        year,
        amount: s.amounts[`y${year}`] ?? 0,
      }))
      .filter((a) => a.amount > 0),
  );
  if (amounts.length) await tx.insert(budgetAmounts).values(amounts);
}

export async function writeStaff(
  tx: Db,
  agreementId: number,
  values: z.output<typeof StaffSchema>,
) {
  await syncRows(
    tx,
    staffResources,
    await idsOf(tx, staffResources, eq(staffResources.agreementId, agreementId)),
    values.staff,
    (s, position) => ({ agreementId, description: s.description, position }),
    ["description", "position"],
    { field: "staff" },
  );
}

// --- activities ---------------------------------------------------------------------------------

/** The activity's own columns, as the form gives them. */
export function activityColumns(values: z.output<typeof ActivitySchema>) {
  return {
    name: values.name,
    shortName: values.shortName,
    reference: values.reference,
    content: values.content,
    purposesLeadIn: values.purposesLeadIn,
    purposes: values.purposes,
    targetGroupsLeadIn: values.targetGroupsLeadIn,
    targetGroups: values.targetGroups,
  };
}

export async function writeActivityChildren(
  tx: Db,
  agreementId: number,
  activityId: number,
  values: z.output<typeof ActivitySchema>,
  options: RemovalOptions,
) {
  await checkCriterionGoals(tx, agreementId, values.criteria, "criteria");
  await syncRows(
    tx,
    successCriteria,
    await idsOf(
      tx,
      successCriteria,
      and(eq(successCriteria.activityId, activityId), isNull(successCriteria.retiredAt)),
    ),
    values.criteria,
    criterionColumns(agreementId, activityId),
    [...CRITERION_UPDATE_COLUMNS],
    { field: "criteria", remove: removeCriteria("criteria", options) },
  );
  await syncRows(
    tx,
    responsibilities,
    await idsOf(tx, responsibilities, eq(responsibilities.activityId, activityId)),
    values.responsibilities,
    (r, position) => ({
      activityId,
      organisationId: r.organisationId,
      label: r.label,
      duties: r.duties,
      position,
    }),
    ["organisationId", "label", "duties", "position"],
    { field: "responsibilities" },
  );
}

/** A new activity at the end of the agreement's list, with its criteria and responsibilities. */
export async function insertActivity(
  tx: Db,
  agreementId: number,
  values: z.output<typeof ActivitySchema>,
): Promise<number> {
  const [{ next } = { next: 0 }] = await tx
    .select({ next: sql<number>`coalesce(max(${activities.position}) + 1, 0)::int` })
    .from(activities)
    .where(eq(activities.agreementId, agreementId));
  const [created] = await tx
    .insert(activities)
    .values({ agreementId, ...activityColumns(values), position: next })
    .returning({ id: activities.id });
  await writeActivityChildren(tx, agreementId, created!.id, values, {});
  return created!.id;
}
