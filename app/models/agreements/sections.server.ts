/**
 * Saving each section of an agreement's working draft. Every save is one transaction that bumps
 * the agreement's version (so a concurrent edit of any section is detected) and records an audit
 * event with the section's values before and after. Lists are synced by id, so rows keep their
 * identity (later revisions and measurements refer to them).
 */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../../db/client";
import {
  agreementParties,
  agreements,
  budgetAmounts,
  fundingSources,
  goals,
  organisations,
  people,
  staffResources,
  successCriteria,
  workingGroupMembers,
  workingGroups,
} from "../../../db/schema";
import type {
  AgreementBasicsSchema,
  ClausesSchema,
  CriteriaSchema,
  FundingSourceRow,
  InterplaySchema,
  PartiesSchema,
  ProblemStatementSchema,
  PurposeSchema,
  StaffSchema,
  WorkingGroupsSchema,
} from "~/domain/agreement";
import { budgetYears } from "~/domain/agreement";
import type { SessionUser } from "~/domain/user";
import {
  checkValidity,
  criterionColumns,
  CRITERION_UPDATE_COLUMNS,
  saveSection,
} from "../internal/agreement-draft.server";
import {
  CONFIRM_REMOVAL_MESSAGE,
  removeCriteria,
  removeFundingSources,
  type RemovalOptions,
} from "../internal/retired-rows.server";
import { FOREIGN_ROW_MESSAGE, idsOf, syncRows } from "../internal/row-sync.server";
import { FieldValidationError } from "../errors.server";
import { recordAudit } from "../audit.server";

export { CONFIRM_REMOVAL_MESSAGE, FOREIGN_ROW_MESSAGE, type RemovalOptions };

export async function saveBasics(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof AgreementBasicsSchema>,
) {
  await checkValidity(db, planId, values.validFrom, values.validTo);
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "basics",
    ["openingClause", "validFrom", "validTo"],
    async (tx) => {
      await tx.update(agreements).set(values).where(eq(agreements.id, agreementId));
      // R2: amounts for years outside the new validity period no longer belong to the budget.
      const years = budgetYears(values.validFrom, values.validTo);
      await tx.execute(
        sql`delete from ${budgetAmounts} using ${fundingSources}
            where ${budgetAmounts.fundingSourceId} = ${fundingSources.id}
              and ${fundingSources.agreementId} = ${agreementId}
              and (${budgetAmounts.year} < ${years[0]!} or ${budgetAmounts.year} > ${years[years.length - 1]!})`,
      );
    },
  );
}

export async function saveParties(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof PartiesSchema>,
) {
  await saveSection(db, user, planId, agreementId, version, "parties", ["parties"], async (tx) => {
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
  });
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

export async function saveWorkingGroups(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof WorkingGroupsSchema>,
) {
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "working-groups",
    ["workingGroups"],
    async (tx) => {
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
    },
  );
}

export async function saveProblemStatement(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof ProblemStatementSchema>,
) {
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "problem",
    ["problemStatement"],
    async (tx) => {
      await tx.update(agreements).set(values).where(eq(agreements.id, agreementId));
    },
  );
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
export async function savePurpose(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: PurposeValues,
) {
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "purpose",
    ["purposesLeadIn", "purposes", "goalsLeadIn", "goals", "primaryTargetGroup", "method"],
    async (tx) => {
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
    },
  );
}

export async function saveInterplay(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof InterplaySchema>,
) {
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "interplay",
    ["municipalInterplay", "anchoring"],
    async (tx) => {
      await tx.update(agreements).set(values).where(eq(agreements.id, agreementId));
    },
  );
}

export async function saveClauses(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof ClausesSchema>,
) {
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "clauses",
    ["conflictHandling", "revisionClause"],
    async (tx) => {
      await tx.update(agreements).set(values).where(eq(agreements.id, agreementId));
    },
  );
}

/**
 * The agreement's own success criteria (not the activities'). A removed criterion with
 * measurements is retired, after confirmation (`options.confirmRemoval`).
 */
export async function saveCriteria(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof CriteriaSchema>,
  options: RemovalOptions = {},
) {
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "criteria",
    ["criteria"],
    async (tx) => {
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
    },
  );
}

/**
 * The budget; a removed funding source with spend is retired, after confirmation. Each source has
 * either a period total or yearly amounts, never both (FundingSourceRowSchema chooses).
 */
export async function saveFinancing(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: { sources: FundingSourceRow[] },
  options: RemovalOptions = {},
) {
  // Code without the form (demo data, scripts) may leave out the split: yearly amounts then.
  const sources = values.sources.map((s) => {
    const periodTotal = s.split === "yearly" ? null : (s.periodTotal ?? null);
    return { ...s, periodTotal, amounts: periodTotal === null ? s.amounts : {} };
  });
  await saveSection(db, user, planId, agreementId, version, "financing", ["budget"], async (tx) => {
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
  });
}

export async function saveStaff(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof StaffSchema>,
) {
  await saveSection(db, user, planId, agreementId, version, "staff", ["staff"], async (tx) => {
    await syncRows(
      tx,
      staffResources,
      await idsOf(tx, staffResources, eq(staffResources.agreementId, agreementId)),
      values.staff,
      (s, position) => ({ agreementId, description: s.description, position }),
      ["description", "position"],
      { field: "staff" },
    );
  });
}
