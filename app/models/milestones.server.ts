/**
 * Milestone plans: the plan's milestones, read as the whole period's plan (the yearly views,
 * Word, Excel and the progress report filter it), created, edited and deleted by the secretariat,
 * and marked done or postponed by the secretariat or the reporter. Every member of the plan reads
 * them; another plan's milestone is a 404, like a plan the user is not a member of. Writes carry
 * the version the form was loaded with (a stale one is a ConflictError: nothing is overwritten
 * unseen) and are audited in the same transaction.
 */
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  activities,
  agreementParties,
  agreements,
  focusAreas,
  milestones,
  organisations,
  planOrganisations,
  plans,
} from "../../db/schema";
import {
  buildMilestonePlanView,
  canEditMilestones,
  canReportMilestones,
  MILESTONE_EDITOR_ROLES,
  MILESTONE_STATUS_ROLES,
  milestoneSchema,
  toMilestoneView,
  type MilestoneInput,
  type MilestonePlanView,
  type MilestoneRecord,
  type MilestoneStatusInput,
  type MilestoneView,
  type PlanPeriod,
} from "~/domain/milestone";
import type { PlanAccessRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole, requireRoleInPlan } from "./access.server";
import { recordAudit } from "./audit.server";
import { ConflictError, FieldValidationError, NotFoundError } from "./errors.server";

const NOT_FOUND_MESSAGE = "Milepælen findes ikke";

export const ACTIVITY_AGREEMENT_MESSAGE = "Aktiviteten hører ikke til den valgte delaftale";
export const AGREEMENT_PLAN_MESSAGE = "Delaftalen hører ikke til planen";
export const RESPONSIBLE_MESSAGE =
  "Den ansvarlige skal være en organisation i planen eller part i en af dens delaftaler";

// --- reading ----------------------------------------------------------------------------------

/**
 * The milestones of a plan with the names of what they link to, in one query. Unscoped: callers
 * check the user's plan role first (the progress report reads it this way too).
 */
export function selectMilestoneRecords(
  db: Db,
  planId: number,
  { years, id }: { years?: readonly number[]; id?: number } = {},
): Promise<MilestoneRecord[]> {
  return db
    .select({
      id: milestones.id,
      title: milestones.title,
      dueDate: milestones.dueDate,
      year: milestones.year,
      quarter: milestones.quarter,
      agreementId: milestones.agreementId,
      agreementName: focusAreas.name,
      activityId: milestones.activityId,
      activityName: sql<string | null>`coalesce(${activities.shortName}, ${activities.name})`,
      responsibleOrganisationId: milestones.responsibleOrganisationId,
      responsibleName: organisations.name,
      status: milestones.status,
      note: milestones.note,
      completedOn: milestones.completedOn,
      version: milestones.version,
    })
    .from(milestones)
    .leftJoin(agreements, eq(agreements.id, milestones.agreementId))
    .leftJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
    .leftJoin(activities, eq(activities.id, milestones.activityId))
    .leftJoin(organisations, eq(organisations.id, milestones.responsibleOrganisationId))
    .where(
      and(
        eq(milestones.planId, planId),
        years ? inArray(milestones.year, [...years]) : undefined,
        id === undefined ? undefined : eq(milestones.id, id),
      ),
    )
    .orderBy(asc(milestones.id));
}

async function selectPlan(db: Db, planId: number) {
  const [plan] = await db
    .select({
      id: plans.id,
      name: plans.name,
      periodStart: plans.periodStart,
      periodEnd: plans.periodEnd,
    })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!plan) throw new NotFoundError("Planen findes ikke");
  return plan;
}

/** The plan's whole milestone plan (every year of the period), for any member; others 404. */
export async function getMilestonePlan(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<MilestonePlanView> {
  await requirePlanRole(db, user, planId);
  const [plan, records] = await Promise.all([
    selectPlan(db, planId),
    selectMilestoneRecords(db, planId),
  ]);
  return buildMilestonePlanView(plan, records);
}

export interface MilestonePlanPage {
  role: PlanAccessRole;
  canEdit: boolean;
  canReport: boolean;
  view: MilestonePlanView;
}

/** The milestone pages' data: the plan and what the user may do with it. */
export async function getMilestonePlanPage(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<MilestonePlanPage> {
  const role = await requirePlanRole(db, user, planId);
  const [plan, records] = await Promise.all([
    selectPlan(db, planId),
    selectMilestoneRecords(db, planId),
  ]);
  return {
    role,
    canEdit: canEditMilestones(role),
    canReport: canReportMilestones(role),
    view: buildMilestonePlanView(plan, records),
  };
}

export interface MilestoneFormOptions {
  plan: { id: number; name: string } & PlanPeriod;
  agreements: { id: number; name: string }[];
  activities: { id: number; agreementId: number; name: string }[];
  organisations: { id: number; name: string }[];
}

/** The organisations that may be responsible: the plan's, its municipality, its agreements' parties. */
function responsibleOrganisationIds(db: Db, planId: number) {
  return or(
    inArray(
      organisations.id,
      db
        .select({ id: planOrganisations.organisationId })
        .from(planOrganisations)
        .where(eq(planOrganisations.planId, planId)),
    ),
    inArray(
      organisations.id,
      db.select({ id: plans.municipalityId }).from(plans).where(eq(plans.id, planId)),
    ),
    inArray(
      organisations.id,
      db
        .select({ id: agreementParties.organisationId })
        .from(agreementParties)
        .innerJoin(agreements, eq(agreements.id, agreementParties.agreementId))
        .where(eq(agreements.planId, planId)),
    ),
  );
}

async function loadFormOptions(db: Db, planId: number): Promise<MilestoneFormOptions> {
  const [plan, agreementRows, activityRows, organisationRows] = await Promise.all([
    selectPlan(db, planId),
    db
      .select({ id: agreements.id, name: focusAreas.name })
      .from(agreements)
      .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
      .where(eq(agreements.planId, planId))
      .orderBy(asc(focusAreas.position), asc(agreements.id)),
    db
      .select({
        id: activities.id,
        agreementId: activities.agreementId,
        name: sql<string>`coalesce(${activities.shortName}, ${activities.name})`,
      })
      .from(activities)
      .innerJoin(agreements, eq(agreements.id, activities.agreementId))
      .where(and(eq(agreements.planId, planId), isNull(activities.retiredAt)))
      .orderBy(asc(activities.agreementId), asc(activities.position)),
    db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(responsibleOrganisationIds(db, planId))
      .orderBy(asc(organisations.name)),
  ]);
  return {
    plan,
    agreements: agreementRows,
    activities: activityRows,
    organisations: organisationRows,
  };
}

/** The new-milestone form's choices; the secretariat and admins only (others 403, 404). */
export async function getNewMilestoneForm(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<MilestoneFormOptions> {
  await requirePlanRole(db, user, planId, MILESTONE_EDITOR_ROLES);
  return loadFormOptions(db, planId);
}

async function milestoneOwner(db: Db, milestoneId: number) {
  const [row] = await db
    .select({ planId: milestones.planId })
    .from(milestones)
    .where(eq(milestones.id, milestoneId));
  return row;
}

function requireMilestoneRole(
  db: Db,
  user: SessionUser,
  planId: number,
  milestoneId: number,
  allowed?: readonly PlanAccessRole[],
) {
  return requireRoleInPlan(
    db,
    user,
    planId,
    () => milestoneOwner(db, milestoneId),
    NOT_FOUND_MESSAGE,
    allowed,
  );
}

export interface MilestonePage extends MilestoneFormOptions {
  role: PlanAccessRole;
  canEdit: boolean;
  canReport: boolean;
  milestone: MilestoneView;
}

/** One milestone with the form's choices, for any member of its plan; another plan's is a 404. */
export async function getMilestone(
  db: Db,
  user: SessionUser,
  planId: number,
  milestoneId: number,
): Promise<MilestonePage> {
  const role = await requireMilestoneRole(db, user, planId, milestoneId);
  const [options, records] = await Promise.all([
    loadFormOptions(db, planId),
    selectMilestoneRecords(db, planId, { id: milestoneId }),
  ]);
  const record = records[0];
  if (!record) throw new NotFoundError(NOT_FOUND_MESSAGE);
  return {
    ...options,
    role,
    canEdit: canEditMilestones(role),
    canReport: canReportMilestones(role),
    milestone: toMilestoneView(record),
  };
}

// --- writing ----------------------------------------------------------------------------------

/**
 * The rules that need the database: inside the plan's period (again, for callers that did not
 * parse with the plan's schema), the agreement of this plan, the activity of that agreement, the
 * responsible organisation one of the plan's.
 */
async function validateLinks(tx: Db, planId: number, input: MilestoneInput): Promise<void> {
  const plan = await selectPlan(tx, planId);
  const errors: Record<string, string> = {};
  const reparsed = milestoneSchema(plan).safeParse({
    title: input.title,
    dueDate: input.dueDate ?? "",
    quarter: input.dueDate ? "" : `${input.year}-${input.quarter ?? ""}`,
  });
  if (!reparsed.success) {
    for (const issue of reparsed.error.issues) {
      const key = issue.path.join(".") || "dueDate";
      if (key === "dueDate" || key === "quarter") errors[key] ??= issue.message;
    }
  }
  if (input.activityId != null && input.agreementId == null) {
    errors.activityId = "Vælg den delaftale, aktiviteten hører til";
  }
  if (input.agreementId != null) {
    const [agreement] = await tx
      .select({ planId: agreements.planId })
      .from(agreements)
      .where(eq(agreements.id, input.agreementId));
    if (agreement?.planId !== planId) errors.agreementId = AGREEMENT_PLAN_MESSAGE;
    else if (input.activityId != null) {
      const [activity] = await tx
        .select({ agreementId: activities.agreementId })
        .from(activities)
        .where(eq(activities.id, input.activityId));
      if (activity?.agreementId !== input.agreementId) {
        errors.activityId = ACTIVITY_AGREEMENT_MESSAGE;
      }
    }
  }
  if (input.responsibleOrganisationId != null) {
    const [organisation] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(
        and(
          eq(organisations.id, input.responsibleOrganisationId),
          responsibleOrganisationIds(tx, planId),
        ),
      );
    if (!organisation) errors.responsibleOrganisationId = RESPONSIBLE_MESSAGE;
  }
  if (Object.keys(errors).length) throw new FieldValidationError(errors);
}

function storedValues(input: MilestoneInput) {
  return {
    title: input.title,
    dueDate: input.dueDate,
    year: input.year,
    quarter: input.dueDate ? null : input.quarter,
    agreementId: input.agreementId,
    activityId: input.activityId,
    responsibleOrganisationId: input.responsibleOrganisationId,
    note: input.note,
  };
}

/** A new milestone (status planned). Secretariat and admins; others 403 (non-members 404). */
export async function createMilestone(
  db: Db,
  user: SessionUser,
  planId: number,
  input: MilestoneInput,
): Promise<{ id: number }> {
  await requirePlanRole(db, user, planId, MILESTONE_EDITOR_ROLES);
  return db.transaction(async (tx) => {
    await validateLinks(tx, planId, input);
    const [row] = await tx
      .insert(milestones)
      .values({ planId, ...storedValues(input) })
      .returning();
    await recordAudit(tx, {
      user,
      action: "milestone.create",
      entityType: "milestone",
      entityId: row!.id,
      planId,
      after: row,
    });
    return { id: row!.id };
  });
}

async function lockedUpdate(
  tx: Db,
  planId: number,
  milestoneId: number,
  version: number,
  values: Partial<typeof milestones.$inferInsert>,
) {
  const [before] = await tx
    .select()
    .from(milestones)
    .where(and(eq(milestones.id, milestoneId), eq(milestones.planId, planId)))
    .for("update");
  if (!before) throw new NotFoundError(NOT_FOUND_MESSAGE);
  if (before.version !== version) throw new ConflictError();
  const [after] = await tx
    .update(milestones)
    .set({ ...values, version: sql`${milestones.version} + 1`, updatedAt: new Date() })
    .where(and(eq(milestones.id, milestoneId), eq(milestones.version, version)))
    .returning();
  if (!after) throw new ConflictError();
  return { before, after };
}

/** Edits a milestone's plan (not its status). Secretariat and admins; a stale version is a 409. */
export async function updateMilestone(
  db: Db,
  user: SessionUser,
  planId: number,
  milestoneId: number,
  version: number,
  input: MilestoneInput,
): Promise<void> {
  await requireMilestoneRole(db, user, planId, milestoneId, MILESTONE_EDITOR_ROLES);
  await db.transaction(async (tx) => {
    await validateLinks(tx, planId, input);
    const { before, after } = await lockedUpdate(
      tx,
      planId,
      milestoneId,
      version,
      storedValues(input),
    );
    await recordAudit(tx, {
      user,
      action: "milestone.update",
      entityType: "milestone",
      entityId: milestoneId,
      planId,
      before,
      after,
    });
  });
}

/**
 * Marks a milestone done (with the date), postponed (with the reason) or planned again. The
 * reporter may, as may the secretariat and admins; board and viewers 403.
 */
export async function setMilestoneStatus(
  db: Db,
  user: SessionUser,
  planId: number,
  milestoneId: number,
  version: number,
  input: MilestoneStatusInput,
): Promise<void> {
  await requireMilestoneRole(db, user, planId, milestoneId, MILESTONE_STATUS_ROLES);
  if (input.status === "postponed" && !input.note?.trim()) {
    throw new FieldValidationError({ note: "Skriv hvorfor milepælen er udskudt" });
  }
  await db.transaction(async (tx) => {
    const { before, after } = await lockedUpdate(tx, planId, milestoneId, version, {
      status: input.status,
      completedOn: input.status === "done" ? input.completedOn : null,
      note: input.note,
    });
    await recordAudit(tx, {
      user,
      action: "milestone.status",
      entityType: "milestone",
      entityId: milestoneId,
      planId,
      before: { status: before.status, completedOn: before.completedOn, note: before.note },
      after: { status: after.status, completedOn: after.completedOn, note: after.note },
    });
  });
}

/** Deletes a milestone. Secretariat and admins; a stale version is a 409. */
export async function deleteMilestone(
  db: Db,
  user: SessionUser,
  planId: number,
  milestoneId: number,
  version: number,
): Promise<void> {
  await requireMilestoneRole(db, user, planId, milestoneId, MILESTONE_EDITOR_ROLES);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(milestones)
      .where(and(eq(milestones.id, milestoneId), eq(milestones.planId, planId)))
      .for("update");
    if (!before) throw new NotFoundError(NOT_FOUND_MESSAGE);
    if (before.version !== version) throw new ConflictError();
    await tx.delete(milestones).where(eq(milestones.id, milestoneId));
    await recordAudit(tx, {
      user,
      action: "milestone.delete",
      entityType: "milestone",
      entityId: milestoneId,
      planId,
      before,
    });
  });
}
