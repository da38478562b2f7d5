/**
 * Agreements (delaftaler): creating one, loading its document view in a fixed number of queries,
 * and saving each section. Every save is one transaction that bumps the agreement's version (so a
 * concurrent edit of any section is detected) and records an audit event with the section's
 * values before and after. Lists are synced by id, so rows keep their identity (later revisions
 * and measurements refer to them).
 */
import { and, asc, eq, getTableColumns, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias, type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { Db } from "../../db/client";
import {
  activities,
  agreementParties,
  agreementVersions,
  agreements,
  budgetAmounts,
  expenditures,
  focusAreas,
  fundingRounds,
  fundingSources,
  measurements,
  organisations,
  people,
  plans,
  responsibilities,
  staffResources,
  successCriteria,
  workingGroupMembers,
  workingGroups,
} from "../../db/schema";
import { DEFAULT_CONFLICT_HANDLING, DEFAULT_REVISION_CLAUSE } from "../../templates/texts.da";
import type {
  ActivitySchema,
  AgreementBasicsSchema,
  AgreementCreateSchema,
  ClausesSchema,
  CriteriaSchema,
  CriterionRow,
  FinancingSchema,
  InterplaySchema,
  PartiesSchema,
  ProblemStatementSchema,
  PurposeSchema,
  StaffSchema,
  WorkingGroupsSchema,
} from "~/domain/agreement";
import { budgetYears } from "~/domain/agreement";
import { CONFIRM_REMOVAL_FIELD } from "~/domain/form";
import {
  agreementChecklist,
  buildAgreementView,
  type AgreementRecord,
  type AgreementView,
} from "~/domain/agreement-view";
import { summarisePlanBudget } from "~/domain/budget";
import { richTextFromParagraphs } from "~/domain/rich-text";
import type { PlanAccessRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";
import { recordAudit } from "./audit.server";
import {
  ConflictError,
  FieldValidationError,
  isUniqueViolation,
  LockedError,
  NotFoundError,
} from "./errors.server";

const EDITORS = ["secretariat"] as const;

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
async function loadAgreementRecords(db: Db, ids: number[]): Promise<AgreementRecord[]> {
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
        reference: activities.reference,
        content: activities.content,
        purposes: activities.purposes,
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
    db.select().from(staffResources).where(inArray(staffResources.agreementId, ids)),
  ]);

  const groupsOf = byAgreement(groupRows);
  const partiesOf = byAgreement(partyRows);
  const criteriaOf = byAgreement(criteriaRows);
  const activitiesOf = byAgreement(activityRows);
  const sourcesOf = byAgreement(sourceRows);
  const staffOf = byAgreement(staffRows);
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
      openingClause: a.openingClause,
      validFrom: a.validFrom,
      validTo: a.validTo,
      problemStatement: a.problemStatement as AgreementRecord["problemStatement"],
      purposes: a.purposes,
      goals: a.goals,
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
      staffResources: staffOf(a.id),
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

async function requireAgreementInPlan(db: Db, planId: number, agreementId: number) {
  const [row] = await db
    .select({ id: agreements.id, planId: agreements.planId, version: agreements.version })
    .from(agreements)
    .where(and(eq(agreements.id, agreementId), eq(agreements.planId, planId)));
  if (!row) throw new NotFoundError("Delaftalen findes ikke");
  return row;
}

export interface AgreementPage {
  role: PlanAccessRole;
  view: AgreementView;
  updatedAt: string;
}

/** The document view for the agreement page and Word; members of the plan only. */
export async function getAgreementView(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
): Promise<AgreementPage> {
  const role = await requirePlanRole(db, user, planId);
  const record = await loadAgreementRecord(db, agreementId);
  if (!record || record.planId !== planId) throw new NotFoundError("Delaftalen findes ikke");
  return { role, view: buildAgreementView(record), updatedAt: record.updatedAt };
}

export interface AgreementSummary {
  id: number;
  focusArea: string;
  validFrom: string;
  validTo: string;
  lbf: number;
  local: number;
  activityCount: number;
  criterionCount: number;
}

/** The plan's agreements with their budget totals (for the plan page): one query. */
export async function listAgreementsForPlan(db: Db, planId: number): Promise<AgreementSummary[]> {
  const lbfSum = sql<number>`coalesce((select sum(${budgetAmounts.amount}) from ${budgetAmounts}
      join ${fundingSources} on ${fundingSources.id} = ${budgetAmounts.fundingSourceId}
      where ${fundingSources.agreementId} = ${agreements.id} and ${fundingSources.retiredAt} is null
        and ${fundingSources.kind} = 'lbf'), 0)::bigint`;
  const localSum = sql<number>`coalesce((select sum(${budgetAmounts.amount}) from ${budgetAmounts}
      join ${fundingSources} on ${fundingSources.id} = ${budgetAmounts.fundingSourceId}
      where ${fundingSources.agreementId} = ${agreements.id} and ${fundingSources.retiredAt} is null
        and ${fundingSources.kind} <> 'lbf'), 0)::bigint`;
  const rows = await db
    .select({
      id: agreements.id,
      focusArea: focusAreas.name,
      position: focusAreas.position,
      validFrom: agreements.validFrom,
      validTo: agreements.validTo,
      lbf: lbfSum,
      local: localSum,
      activityCount: sql<number>`(select count(*)::int from ${activities} where ${activities.agreementId} = ${agreements.id} and ${activities.retiredAt} is null)`,
      criterionCount: sql<number>`(select count(*)::int from ${successCriteria} where ${successCriteria.agreementId} = ${agreements.id} and ${successCriteria.retiredAt} is null)`,
    })
    .from(agreements)
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
    .where(eq(agreements.planId, planId))
    .orderBy(asc(focusAreas.position));
  return rows.map(({ position: _position, ...r }) => ({
    ...r,
    lbf: Number(r.lbf),
    local: Number(r.local),
  }));
}

export async function getPlanAgreements(db: Db, planId: number) {
  const list = await listAgreementsForPlan(db, planId);
  return { agreements: list, budget: summarisePlanBudget(list) };
}

/** The focus areas of the plan's funding round, marking those that already have an agreement. */
export async function listFocusAreaOptions(db: Db, user: SessionUser, planId: number) {
  await requirePlanRole(db, user, planId);
  const [plan] = await db
    .select({
      fundingRoundId: plans.fundingRoundId,
      periodStart: plans.periodStart,
      periodEnd: plans.periodEnd,
    })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!plan) throw new NotFoundError();
  const rows = await db
    .select({
      id: focusAreas.id,
      name: focusAreas.name,
      taken: sql<boolean>`exists (select 1 from ${agreements} where ${agreements.planId} = ${planId} and ${agreements.focusAreaId} = ${focusAreas.id})`,
    })
    .from(focusAreas)
    .where(eq(focusAreas.fundingRoundId, plan.fundingRoundId))
    .orderBy(asc(focusAreas.position));
  return { plan, focusAreas: rows };
}

/** Organisations and people for the selects of the agreement forms. */
export async function getRegisterOptions(db: Db) {
  const [orgs, persons] = await Promise.all([
    db
      .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
      .from(organisations)
      .orderBy(asc(organisations.name)),
    db
      .select({
        id: people.id,
        name: people.name,
        title: people.title,
        organisationName: organisations.name,
      })
      .from(people)
      .leftJoin(organisations, eq(organisations.id, people.organisationId))
      .orderBy(asc(people.name)),
  ]);
  return { organisations: orgs, people: persons };
}

// --- creating ----------------------------------------------------------------------------------

async function checkValidity(db: Db, planId: number, validFrom: string, validTo: string) {
  const [plan] = await db
    .select({ periodStart: plans.periodStart, periodEnd: plans.periodEnd })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!plan) throw new NotFoundError();
  // R5: the agreement's validity lies inside the plan's period.
  const errors: Record<string, string> = {};
  if (validFrom < plan.periodStart)
    errors.validFrom = "Delaftalen kan ikke begynde før planens periode";
  if (validTo > plan.periodEnd) errors.validTo = "Delaftalen kan ikke slutte efter planens periode";
  if (Object.keys(errors).length) throw new FieldValidationError(errors);
}

export async function createAgreement(
  db: Db,
  user: SessionUser,
  planId: number,
  values: z.output<typeof AgreementCreateSchema>,
) {
  await requirePlanRole(db, user, planId, EDITORS);
  try {
    return await db.transaction(async (tx) => {
      const [plan] = await tx
        .select({ fundingRoundId: plans.fundingRoundId, municipalityId: plans.municipalityId })
        .from(plans)
        .where(eq(plans.id, planId));
      const [area] = await tx
        .select({ fundingRoundId: focusAreas.fundingRoundId })
        .from(focusAreas)
        .where(eq(focusAreas.id, values.focusAreaId));
      // R3: only the funding round's focus areas.
      if (!plan || area?.fundingRoundId !== plan.fundingRoundId) {
        throw new FieldValidationError({ focusAreaId: "Vælg et af puljens indsatsområder" });
      }
      await checkValidity(tx, planId, values.validFrom, values.validTo);
      const [created] = await tx
        .insert(agreements)
        .values({
          planId,
          focusAreaId: values.focusAreaId,
          openingClause: values.openingClause,
          validFrom: values.validFrom,
          validTo: values.validTo,
          conflictHandling: richTextFromParagraphs(DEFAULT_CONFLICT_HANDLING),
          revisionClause: richTextFromParagraphs(DEFAULT_REVISION_CLAUSE),
        })
        .returning();
      if (!created) throw new Error("Insert returned no row");
      // Start the financing with Landsbyggefonden and the plan's municipality.
      await tx.insert(fundingSources).values([
        { agreementId: created.id, kind: "lbf", name: "Landsbyggefonden", position: 0 },
        {
          agreementId: created.id,
          kind: "municipality",
          organisationId: plan.municipalityId,
          name: plan.municipalityId ? null : "Kommunen",
          position: 1,
        },
      ]);
      await recordAudit(tx, {
        user,
        action: "agreement.create",
        entityType: "agreement",
        entityId: created.id,
        planId,
        after: created,
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new FieldValidationError({
        focusAreaId: "Planen har allerede en delaftale for dette indsatsområde",
      });
    }
    throw error;
  }
}

// --- saving sections ---------------------------------------------------------------------------

type SectionKey = keyof AgreementView;

/**
 * Runs a section save: checks the role, bumps the version if it is still `expectedVersion`
 * (otherwise ConflictError), applies the change and audits the section's view before and after.
 */
async function saveSection(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  expectedVersion: number,
  section: string,
  keys: SectionKey[],
  apply: (tx: Db) => Promise<void>,
): Promise<void> {
  await requirePlanRole(db, user, planId, EDITORS);
  await requireAgreementInPlan(db, planId, agreementId);
  await db.transaction(async (tx) => {
    await assertDraftEditable(tx, agreementId);
    const beforeRecord = await loadAgreementRecord(tx, agreementId);
    const [bumped] = await tx
      .update(agreements)
      .set({ version: sql`${agreements.version} + 1`, updatedAt: new Date() })
      .where(and(eq(agreements.id, agreementId), eq(agreements.version, expectedVersion)))
      .returning({ version: agreements.version });
    if (!bumped || !beforeRecord) throw new ConflictError();
    await apply(tx);
    const afterRecord = await loadAgreementRecord(tx, agreementId);
    const pick = (view: AgreementView) => Object.fromEntries(keys.map((k) => [k, view[k]]));
    await recordAudit(tx, {
      user,
      action: `agreement.${section}.update`,
      entityType: "agreement",
      entityId: agreementId,
      planId,
      before: pick(buildAgreementView(beforeRecord)),
      after: pick(buildAgreementView(afterRecord!)),
    });
  });
}

/** The draft may not change while a proposed version awaits the board (R6). */
export async function assertDraftEditable(tx: Db, agreementId: number): Promise<void> {
  const [pending] = await tx
    .select({ id: agreementVersions.id })
    .from(agreementVersions)
    .where(
      and(eq(agreementVersions.agreementId, agreementId), eq(agreementVersions.status, "proposed")),
    );
  if (pending) {
    throw new LockedError(
      "Delaftalen afventer bestyrelsens beslutning og kan ikke ændres imens. Træk forslaget tilbage, hvis du vil rette i den.",
    );
  }
}

/** `set` for an upsert that overwrites every listed column with the incoming row. */
function excludedSet<T extends PgTable>(table: T, columns: (keyof T["$inferInsert"] & string)[]) {
  const all = getTableColumns(table) as Record<string, PgColumn>;
  return Object.fromEntries(columns.map((key) => [key, sql.raw(`excluded."${all[key]!.name}"`)]));
}

/** A submitted row whose id is not one of this list's rows: another agreement's, or gone. */
export const FOREIGN_ROW_MESSAGE = "Rækken findes ikke længere i denne delaftale. Genindlæs siden.";

export const CONFIRM_REMOVAL_MESSAGE =
  "Tryk »Bekræft fjernelse og gem«, hvis rækkerne skal fjernes. Ellers ret listen og gem igen.";

/** Whether the user confirmed removing rows with history (measurements, spend). */
export interface RemovalOptions {
  confirmRemoval?: boolean;
}

/** How a list's removed rows go: deleted, or retired when they have history (see below). */
type RemoveRows = (tx: Db, ids: number[]) => Promise<void>;

interface SyncOptions {
  /** The list's field name: where a foreign id or a removal's question is reported. */
  field: string;
  remove?: RemoveRows;
}

/**
 * Brings a child list in line with the submitted rows: rows with an id are updated (one upsert
 * statement), rows without an id are inserted, missing ones removed. An id that is not one of the
 * list's current rows (another agreement's, a retired or deleted row, or twice in the list) is a
 * FieldValidationError on the list and nothing changes: treating it as a new row would silently
 * delete the row the form was really showing. Returns the ids in the submitted order.
 */
async function syncRows<T extends PgTable & { id: PgColumn }, R extends { id: number | null }>(
  tx: Db,
  table: T,
  existingIds: number[],
  rows: R[],
  toColumns: (row: R, position: number) => Omit<T["$inferInsert"], "id">,
  updateColumns: (keyof T["$inferInsert"] & string)[],
  { field, remove }: SyncOptions,
): Promise<number[]> {
  const known = new Set(existingIds);
  const kept = new Set<number>();
  for (const row of rows) {
    if (row.id == null) continue;
    if (!known.has(row.id) || kept.has(row.id)) {
      throw new FieldValidationError({ [field]: FOREIGN_ROW_MESSAGE });
    }
    kept.add(row.id);
  }
  const removed = existingIds.filter((id) => !kept.has(id));
  if (removed.length) {
    if (remove) await remove(tx, removed);
    else await tx.delete(table).where(inArray(table.id, removed));
  }
  const withPosition = rows.map((row, position) => ({ row, position }));
  const updates = withPosition.filter(({ row }) => row.id != null);
  if (updates.length) {
    await tx
      .insert(table)
      .values(
        updates.map(({ row, position }) => ({
          ...toColumns(row, position),
          id: row.id,
        })) as T["$inferInsert"][],
      )
      .onConflictDoUpdate({
        target: table.id,
        set: excludedSet(table, updateColumns) as Parameters<
          ReturnType<ReturnType<Db["insert"]>["values"]>["onConflictDoUpdate"]
        >[0]["set"],
      });
  }
  const inserts = withPosition.filter(({ row }) => row.id == null);
  const insertedIds = inserts.length
    ? (
        await tx
          .insert(table)
          .values(
            inserts.map(({ row, position }) => toColumns(row, position)) as T["$inferInsert"][],
          )
          .returning({ id: table.id })
      ).map((r) => r.id as number)
    : [];
  let next = 0;
  return rows.map((row) => row.id ?? insertedIds[next++]!);
}

// --- removing rows with history ----------------------------------------------------------------
//
// A criterion with measurements, an activity whose criteria have measurements and a funding
// source with spend are retired instead of deleted when they leave the working draft: they keep
// their history, the draft (and so the next version) no longer shows them, and the yearly pages
// and reports of the years they have figures for still do (docs/decisions/0006-retired-rows.md).
// The first save that would remove such rows asks for confirmation (a 400 naming them).

/** "2024", "2024 og 2025", "2023, 2024 og 2025". */
function danishList(items: (string | number)[]): string {
  const texts = items.map(String);
  if (texts.length <= 1) return texts.join("");
  return `${texts.slice(0, -1).join(", ")} og ${texts[texts.length - 1]}`;
}

interface RowHistory {
  id: number;
  /** "Succeskriteriet »Flere unge i job« har målinger for 2024 og 2025." */
  sentence: string;
}

/** Asks for confirmation (a 400 on the list) unless the user gave it. */
function requireRemovalConfirmation(
  field: string,
  history: RowHistory[],
  { confirmRemoval }: RemovalOptions,
): void {
  if (!history.length || confirmRemoval) return;
  const consequence =
    history.length === 1
      ? "Rækken afsluttes i stedet for at blive slettet: historikken bevares, og den udgår af delaftalen fra næste godkendte version."
      : "Rækkerne afsluttes i stedet for at blive slettet: historikken bevares, og de udgår af delaftalen fra næste godkendte version.";
  throw new FieldValidationError({
    [field]: [...history.map((h) => h.sentence), consequence].join(" "),
    [CONFIRM_REMOVAL_FIELD]: CONFIRM_REMOVAL_MESSAGE,
  });
}

const yearsOf = (column: PgColumn) =>
  sql<number[]>`array_agg(distinct ${column} order by ${column})`;

/** The measurement years of these criteria (only those that have any). */
async function criteriaHistory(tx: Db, ids: number[]): Promise<RowHistory[]> {
  const rows = await tx
    .select({
      id: successCriteria.id,
      text: successCriteria.text,
      years: yearsOf(measurements.year),
    })
    .from(successCriteria)
    .innerJoin(measurements, eq(measurements.criterionId, successCriteria.id))
    .where(inArray(successCriteria.id, ids))
    .groupBy(successCriteria.id, successCriteria.text)
    .orderBy(asc(successCriteria.position), asc(successCriteria.id));
  return rows.map((r) => ({
    id: r.id,
    sentence: `Succeskriteriet »${r.text}« har målinger for ${danishList(r.years.map(Number))}.`,
  }));
}

function removeCriteria(field: string, options: RemovalOptions): RemoveRows {
  return async (tx, ids) => {
    const history = await criteriaHistory(tx, ids);
    requireRemovalConfirmation(field, history, options);
    const retired = history.map((h) => h.id);
    const deleted = ids.filter((id) => !retired.includes(id));
    if (retired.length)
      await tx
        .update(successCriteria)
        .set({ retiredAt: sql`now()` })
        .where(inArray(successCriteria.id, retired));
    if (deleted.length)
      await tx.delete(successCriteria).where(inArray(successCriteria.id, deleted));
  };
}

function removeFundingSources(field: string, options: RemovalOptions): RemoveRows {
  return async (tx, ids) => {
    const rows = await tx
      .select({
        id: fundingSources.id,
        kind: fundingSources.kind,
        name: fundingSources.name,
        organisation: organisations.name,
        years: yearsOf(expenditures.year),
      })
      .from(fundingSources)
      .innerJoin(expenditures, eq(expenditures.fundingSourceId, fundingSources.id))
      .leftJoin(organisations, eq(organisations.id, fundingSources.organisationId))
      .where(inArray(fundingSources.id, ids))
      .groupBy(fundingSources.id, organisations.name)
      .orderBy(asc(fundingSources.position), asc(fundingSources.id));
    const history = rows.map((r) => ({
      id: r.id,
      sentence: `Finansieringskilden »${r.name ?? r.organisation ?? (r.kind === "lbf" ? "Landsbyggefonden" : "uden navn")}« har forbrug for ${danishList(r.years.map(Number))}.`,
    }));
    requireRemovalConfirmation(field, history, options);
    const retired = history.map((h) => h.id);
    const deleted = ids.filter((id) => !retired.includes(id));
    if (retired.length)
      await tx
        .update(fundingSources)
        .set({ retiredAt: sql`now()` })
        .where(inArray(fundingSources.id, retired));
    if (deleted.length) await tx.delete(fundingSources).where(inArray(fundingSources.id, deleted));
  };
}

/**
 * Removes an activity: deleted with its criteria when none of them (current or retired) has a
 * measurement; otherwise retired together with its current criteria, after confirmation.
 */
async function removeActivity(tx: Db, activityId: number, options: RemovalOptions): Promise<void> {
  const [row] = await tx
    .select({ name: activities.name, years: yearsOf(measurements.year) })
    .from(activities)
    .innerJoin(successCriteria, eq(successCriteria.activityId, activities.id))
    .innerJoin(measurements, eq(measurements.criterionId, successCriteria.id))
    .where(eq(activities.id, activityId))
    .groupBy(activities.id, activities.name);
  if (!row) {
    await tx.delete(activities).where(eq(activities.id, activityId));
    return;
  }
  requireRemovalConfirmation(
    "activities",
    [
      {
        id: activityId,
        sentence: `Aktiviteten »${row.name}« har målinger for ${danishList(row.years.map(Number))} på sine succeskriterier.`,
      },
    ],
    options,
  );
  await tx
    .update(successCriteria)
    .set({ retiredAt: sql`now()` })
    .where(and(eq(successCriteria.activityId, activityId), isNull(successCriteria.retiredAt)));
  await tx
    .update(activities)
    .set({ retiredAt: sql`now()` })
    .where(eq(activities.id, activityId));
}

async function idsOf(tx: Db, table: PgTable & { id: PgColumn }, where: SQL | undefined) {
  const rows = await tx.select({ id: table.id }).from(table).where(where);
  return rows.map((r) => r.id as number);
}

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

export async function savePurpose(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof PurposeSchema>,
) {
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "purpose",
    ["purposes", "goals", "method"],
    async (tx) => {
      await tx.update(agreements).set(values).where(eq(agreements.id, agreementId));
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

function criterionColumns(agreementId: number, activityId: number | null) {
  return (c: CriterionRow, position: number) => ({
    agreementId,
    activityId,
    text: c.text,
    dataSource: c.dataSource,
    baselineValue: c.baselineValue,
    baselineUnit: c.baselineUnit,
    baselineYear: c.baselineYear,
    targetValue: c.targetValue,
    targetUnit: c.targetUnit,
    targetYear: c.targetYear,
    position,
  });
}

const CRITERION_UPDATE_COLUMNS = [
  "text",
  "dataSource",
  "baselineValue",
  "baselineUnit",
  "baselineYear",
  "targetValue",
  "targetUnit",
  "targetYear",
  "position",
] as const;

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

/** The budget; a removed funding source with spend is retired, after confirmation. */
export async function saveFinancing(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof FinancingSchema>,
  options: RemovalOptions = {},
) {
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
      values.sources,
      (s, position) => ({
        agreementId,
        kind: s.kind,
        name: s.name,
        organisationId: s.organisationId,
        position,
      }),
      ["kind", "name", "organisationId", "position"],
      { field: "sources", remove: removeFundingSources("sources", options) },
    );
    // Amounts are replaced as a whole: they have no identity of their own.
    if (sourceIds.length)
      await tx.delete(budgetAmounts).where(inArray(budgetAmounts.fundingSourceId, sourceIds));
    const amounts = values.sources.flatMap((s, i) =>
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
      (s, position) => ({
        agreementId,
        role: s.role,
        count: s.count,
        hoursPerWeek: s.hoursPerWeek,
        fte: s.fte,
        note: s.note,
        position,
      }),
      ["role", "count", "hoursPerWeek", "fte", "note", "position"],
      { field: "staff" },
    );
  });
}

// --- activities --------------------------------------------------------------------------------

/** The activity must belong to the agreement (404 otherwise). */
export async function requireActivity(db: Db, agreementId: number, activityId: number) {
  const [row] = await db
    .select({ id: activities.id })
    .from(activities)
    .where(
      and(
        eq(activities.id, activityId),
        eq(activities.agreementId, agreementId),
        isNull(activities.retiredAt),
      ),
    );
  if (!row) throw new NotFoundError("Aktiviteten findes ikke");
}

async function writeActivityChildren(
  tx: Db,
  agreementId: number,
  activityId: number,
  values: z.output<typeof ActivitySchema>,
  options: RemovalOptions,
) {
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

export async function createActivity(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  version: number,
  values: z.output<typeof ActivitySchema>,
): Promise<number> {
  let activityId = 0;
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "activity.create",
    ["activities"],
    async (tx) => {
      const [{ next } = { next: 0 }] = await tx
        .select({ next: sql<number>`coalesce(max(${activities.position}) + 1, 0)::int` })
        .from(activities)
        .where(eq(activities.agreementId, agreementId));
      const [created] = await tx
        .insert(activities)
        .values({
          agreementId,
          name: values.name,
          reference: values.reference,
          content: values.content,
          purposes: values.purposes,
          targetGroups: values.targetGroups,
          position: next,
        })
        .returning({ id: activities.id });
      activityId = created!.id;
      await writeActivityChildren(tx, agreementId, activityId, values, {});
    },
  );
  return activityId;
}

export async function saveActivity(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  activityId: number,
  version: number,
  values: z.output<typeof ActivitySchema>,
  options: RemovalOptions = {},
) {
  await requirePlanRole(db, user, planId, EDITORS);
  await requireAgreementInPlan(db, planId, agreementId);
  await requireActivity(db, agreementId, activityId);
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "activity.update",
    ["activities"],
    async (tx) => {
      await tx
        .update(activities)
        .set({
          name: values.name,
          reference: values.reference,
          content: values.content,
          purposes: values.purposes,
          targetGroups: values.targetGroups,
        })
        .where(eq(activities.id, activityId));
      await writeActivityChildren(tx, agreementId, activityId, values, options);
    },
  );
}

export async function deleteActivity(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  activityId: number,
  version: number,
  options: RemovalOptions = {},
) {
  await requirePlanRole(db, user, planId, EDITORS);
  await requireAgreementInPlan(db, planId, agreementId);
  await requireActivity(db, agreementId, activityId);
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "activity.delete",
    ["activities"],
    async (tx) => {
      await removeActivity(tx, activityId, options);
    },
  );
}

/** Moves an activity one place up or down in the agreement's list. */
export async function moveActivity(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  activityId: number,
  version: number,
  direction: "up" | "down",
) {
  await requirePlanRole(db, user, planId, EDITORS);
  await requireAgreementInPlan(db, planId, agreementId);
  await requireActivity(db, agreementId, activityId);
  const order = await db
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.agreementId, agreementId), isNull(activities.retiredAt)))
    .orderBy(asc(activities.position), asc(activities.id));
  const at = order.findIndex((r) => r.id === activityId);
  // Nothing to move at the ends of the list: no new version, no audit event.
  if ((direction === "up" && at === 0) || (direction === "down" && at === order.length - 1)) return;
  await saveSection(
    db,
    user,
    planId,
    agreementId,
    version,
    "activity.move",
    ["activities"],
    async (tx) => {
      const rows = await tx
        .select({ id: activities.id })
        .from(activities)
        .where(and(eq(activities.agreementId, agreementId), isNull(activities.retiredAt)))
        .orderBy(asc(activities.position), asc(activities.id));
      const ids = rows.map((r) => r.id);
      const from = ids.indexOf(activityId);
      const to = direction === "up" ? from - 1 : from + 1;
      if (from < 0 || to < 0 || to >= ids.length) return;
      [ids[from], ids[to]] = [ids[to]!, ids[from]!];
      await tx.execute(
        sql`update ${activities} set position = v.position from (values ${sql.join(
          ids.map((id, position) => sql`(${id}::int, ${position}::int)`),
          sql`, `,
        )}) as v(id, position) where ${activities.id} = v.id`,
      );
    },
  );
}

/** The activity's current values for its edit form. */
export async function getActivityForEdit(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  activityId: number,
) {
  await requirePlanRole(db, user, planId, EDITORS);
  const record = await loadAgreementRecord(db, agreementId);
  if (!record || record.planId !== planId) throw new NotFoundError("Delaftalen findes ikke");
  const activity = record.activities.find((a) => a.id === activityId);
  if (!activity) throw new NotFoundError("Aktiviteten findes ikke");
  return { record, activity };
}

export { agreementChecklist };
