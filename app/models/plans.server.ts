/**
 * Plans (helhedsplaner): listing the user's plans, the plan page, creating and editing.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  fundingRounds,
  organisations,
  planMemberships,
  planOrganisations,
  plans,
} from "../../db/schema";
import { PAGE_SIZE, pageCount, type Paged } from "~/domain/paging";
import { defaultTemplateEdition, type PlanFormValues } from "~/domain/plan";
import type { PlanAccessRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";
import { recordAudit } from "./audit.server";
import { ConflictError, FieldValidationError } from "./errors.server";
import { preparedPerDb } from "./internal/prepared.server";

export interface PlanListItem {
  id: number;
  name: string;
  status: "draft" | "active" | "closed";
  periodStart: string;
  periodEnd: string;
  fundingRoundName: string;
  municipalityName: string | null;
  role: PlanAccessRole;
}

function selectPlanList(db: Db, user: SessionUser) {
  const membership = and(eq(planMemberships.planId, plans.id), eq(planMemberships.userId, user.id));
  const query = db
    .select({
      id: plans.id,
      name: plans.name,
      status: plans.status,
      periodStart: plans.periodStart,
      periodEnd: plans.periodEnd,
      fundingRoundName: fundingRounds.name,
      municipalityName: organisations.name,
      memberRole: planMemberships.role,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(plans)
    .innerJoin(fundingRounds, eq(fundingRounds.id, plans.fundingRoundId))
    .leftJoin(organisations, eq(organisations.id, plans.municipalityId));
  return (
    user.isAdmin
      ? query.leftJoin(planMemberships, membership)
      : query.innerJoin(planMemberships, membership)
  )
    .orderBy(asc(plans.periodStart), asc(plans.name), asc(plans.id))
    .$dynamic();
}

type PlanListRow = Awaited<ReturnType<typeof selectPlanList>>[number];

function toPlanListItem(user: SessionUser, { memberRole, total: _total, ...row }: PlanListRow) {
  return { ...row, role: user.isAdmin ? ("admin" as const) : (memberRole ?? "viewer") };
}

/** The plans the user may see (all for admins), with their role on each. One query. */
export async function listPlansForUser(db: Db, user: SessionUser): Promise<PlanListItem[]> {
  const rows = await selectPlanList(db, user);
  return rows.map((row) => toPlanListItem(user, row));
}

/**
 * One page of the plans the user may see, in the list's order, with how many there are in all.
 * One query (a page past the end: one more, for the last page).
 */
export async function listPlansPage(
  db: Db,
  user: SessionUser,
  page: number,
): Promise<Paged<PlanListItem>> {
  const rows = await selectPlanList(db, user)
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  if (rows.length === 0 && page > 1) {
    const [first] = await selectPlanList(db, user).limit(1);
    // Nothing on this page means there are at most (page - 1) pages: show the last one.
    return listPlansPage(db, user, pageCount(first?.total ?? 0));
  }
  const total = rows[0]?.total ?? 0;
  return {
    items: rows.map((row) => toPlanListItem(user, row)),
    page,
    pageCount: pageCount(total),
    total,
  };
}

/**
 * Which of these plans the user may open (administrators: all of them). One query, none for
 * administrators or an empty list.
 */
export async function visiblePlanIds(
  db: Db,
  user: SessionUser,
  planIds: readonly number[],
): Promise<Set<number>> {
  if (user.isAdmin || planIds.length === 0) return new Set(user.isAdmin ? planIds : []);
  const rows = await db
    .select({ planId: planMemberships.planId })
    .from(planMemberships)
    .where(and(eq(planMemberships.userId, user.id), inArray(planMemberships.planId, [...planIds])));
  return new Set(rows.map((r) => r.planId));
}

/** The plan page's plan with its round, municipality, organisations and members (one query). */
const planPageQuery = preparedPerDb((db) =>
  db.query.plans
    .findFirst({
      where: eq(plans.id, sql.placeholder("planId")),
      with: {
        fundingRound: { columns: { id: true, code: true, name: true } },
        municipality: { columns: { id: true, name: true } },
        organisations: {
          columns: {},
          with: {
            organisation: {
              columns: { id: true, name: true, kind: true, tenancies: true, parentId: true },
            },
          },
        },
        memberships: {
          columns: { role: true },
          with: { user: { columns: { id: true, name: true, email: true, active: true } } },
        },
      },
    })
    .prepare("plan_page"),
);

/** Danish order (one collator: `localeCompare` with a locale looks one up on every call). */
const danish = new Intl.Collator("da");

/** Everything the plan page shows, in a fixed number of queries whatever the plan's size. */
export async function getPlanPage(db: Db, user: SessionUser, planId: number) {
  const role = await requirePlanRole(db, user, planId);
  const plan = await planPageQuery(db).execute({ planId });
  if (!plan) return null;
  const orgs = plan.organisations.map((po) => po.organisation);
  const housingOrganisations = orgs
    .filter((o) => o.kind === "housing_organisation")
    .sort((a, b) => danish.compare(a.name, b.name));
  const estates = orgs
    .filter((o) => o.kind === "estate")
    .sort((a, b) => danish.compare(a.name, b.name));
  const roleOrder = ["secretariat", "board", "reporter", "viewer"];
  const members = plan.memberships
    .map((m) => ({ role: m.role, ...m.user }))
    .sort(
      (a, b) =>
        roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || danish.compare(a.name, b.name),
    );
  return {
    role,
    plan: {
      id: plan.id,
      name: plan.name,
      status: plan.status,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      description: plan.description,
      revisionIntervalMonths: plan.revisionIntervalMonths,
      reportDueMonthDay: plan.reportDueMonthDay,
      templateEdition: plan.templateEdition,
      version: plan.version,
      fundingRound: plan.fundingRound,
      municipality: plan.municipality,
      housingOrganisations,
      estates,
      totalTenancies: estates.reduce((sum, e) => sum + (e.tenancies ?? 0), 0),
      members,
    },
  };
}

/** The plan's current values for the edit form. Secretariat and admins only. */
export async function getPlanForEdit(db: Db, user: SessionUser, planId: number) {
  await requirePlanRole(db, user, planId, ["secretariat"]);
  const plan = await db.query.plans.findFirst({
    where: eq(plans.id, planId),
    with: { organisations: { columns: { organisationId: true } } },
  });
  if (!plan) return null;
  return {
    id: plan.id,
    version: plan.version,
    values: {
      name: plan.name,
      fundingRoundId: plan.fundingRoundId,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      status: plan.status,
      municipalityId: plan.municipalityId,
      organisationIds: plan.organisations.map((o) => o.organisationId),
      description: plan.description,
      revisionIntervalMonths: plan.revisionIntervalMonths,
      reportDueMonthDay: plan.reportDueMonthDay,
      reminderOffsetDays: plan.reminderOffsetDays,
      templateEdition: plan.templateEdition,
    } satisfies PlanFormValues,
  };
}

/** Options for the plan form's selects. */
export async function getPlanFormOptions(db: Db) {
  const [rounds, orgs] = await Promise.all([
    db
      .select({ id: fundingRounds.id, code: fundingRounds.code, name: fundingRounds.name })
      .from(fundingRounds)
      .orderBy(asc(fundingRounds.code)),
    db
      .select({
        id: organisations.id,
        name: organisations.name,
        kind: organisations.kind,
        parentId: organisations.parentId,
      })
      .from(organisations)
      .where(inArray(organisations.kind, ["municipality", "housing_organisation", "estate"]))
      .orderBy(asc(organisations.name)),
  ]);
  return {
    fundingRounds: rounds,
    municipalities: orgs.filter((o) => o.kind === "municipality"),
    housingOrganisations: orgs.filter((o) => o.kind === "housing_organisation"),
    estates: orgs.filter((o) => o.kind === "estate"),
  };
}

/**
 * Checks the references in a plan form against the database (kinds of the chosen organisations).
 * Returns the chosen funding round's code.
 */
async function validatePlanReferences(db: Db, values: PlanFormValues): Promise<string> {
  const ids = [
    ...values.organisationIds,
    ...(values.municipalityId ? [values.municipalityId] : []),
  ];
  const [round] = await db
    .select({ id: fundingRounds.id, code: fundingRounds.code })
    .from(fundingRounds)
    .where(eq(fundingRounds.id, values.fundingRoundId));
  const found = ids.length
    ? await db
        .select({ id: organisations.id, kind: organisations.kind })
        .from(organisations)
        .where(inArray(organisations.id, ids))
    : [];
  const kindOf = new Map(found.map((o) => [o.id, o.kind]));
  const errors: Record<string, string> = {};
  if (!round) errors.fundingRoundId = "Vælg en pulje";
  if (values.municipalityId && kindOf.get(values.municipalityId) !== "municipality") {
    errors.municipalityId = "Vælg en kommune fra listen";
  }
  if (
    values.organisationIds.some((id) => {
      const kind = kindOf.get(id);
      return kind !== "housing_organisation" && kind !== "estate";
    })
  ) {
    errors.organisationIds = "Vælg boligorganisationer og afdelinger fra listen";
  }
  if (Object.keys(errors).length || !round) throw new FieldValidationError(errors);
  return round.code;
}

function planColumns(values: PlanFormValues) {
  return {
    name: values.name,
    fundingRoundId: values.fundingRoundId,
    periodStart: values.periodStart,
    periodEnd: values.periodEnd,
    status: values.status,
    municipalityId: values.municipalityId,
    description: values.description,
    revisionIntervalMonths: values.revisionIntervalMonths,
    reportDueMonthDay: values.reportDueMonthDay,
    // A form without the field keeps the stored offsets (a new plan: the default ones).
    ...(values.reminderOffsetDays ? { reminderOffsetDays: values.reminderOffsetDays } : {}),
  };
}

export async function createPlan(db: Db, user: SessionUser, values: PlanFormValues) {
  return db.transaction(async (tx) => {
    const roundCode = await validatePlanReferences(tx, values);
    const [plan] = await tx
      .insert(plans)
      .values({
        ...planColumns(values),
        // A form without the field follows the funding round's usual edition.
        templateEdition: values.templateEdition ?? defaultTemplateEdition(roundCode),
      })
      .returning();
    if (!plan) throw new Error("Insert returned no row");
    if (values.organisationIds.length) {
      await tx
        .insert(planOrganisations)
        .values(
          values.organisationIds.map((organisationId) => ({ planId: plan.id, organisationId })),
        );
    }
    // The creator runs the new plan's secretariat (admins see every plan anyway).
    if (!user.isAdmin) {
      await tx
        .insert(planMemberships)
        .values({ planId: plan.id, userId: user.id, role: "secretariat" });
    }
    await recordAudit(tx, {
      user,
      action: "plan.create",
      entityType: "plan",
      entityId: plan.id,
      planId: plan.id,
      after: { ...plan, organisationIds: values.organisationIds },
    });
    return plan;
  });
}

export async function updatePlan(
  db: Db,
  user: SessionUser,
  planId: number,
  expectedVersion: number,
  values: PlanFormValues,
) {
  await requirePlanRole(db, user, planId, ["secretariat"]);
  return db.transaction(async (tx) => {
    await validatePlanReferences(tx, values);
    const before = await tx.query.plans.findFirst({
      where: eq(plans.id, planId),
      with: { organisations: { columns: { organisationId: true } } },
    });
    if (!before) throw new ConflictError("The plan no longer exists");
    const [updated] = await tx
      .update(plans)
      .set({
        ...planColumns(values),
        // Omitted keeps the stored edition. Either way the agreements' texts stay as they are.
        ...(values.templateEdition ? { templateEdition: values.templateEdition } : {}),
        version: sql`${plans.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(plans.id, planId), eq(plans.version, expectedVersion)))
      .returning();
    if (!updated) throw new ConflictError();
    await tx.delete(planOrganisations).where(eq(planOrganisations.planId, planId));
    if (values.organisationIds.length) {
      await tx
        .insert(planOrganisations)
        .values(values.organisationIds.map((organisationId) => ({ planId, organisationId })));
    }
    const { organisations: beforeOrgs, ...beforePlan } = before;
    await recordAudit(tx, {
      user,
      action: "plan.update",
      entityType: "plan",
      entityId: planId,
      planId,
      before: { ...beforePlan, organisationIds: beforeOrgs.map((o) => o.organisationId) },
      after: { ...updated, organisationIds: values.organisationIds },
    });
    return updated;
  });
}
