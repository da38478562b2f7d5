/**
 * The plan's målhierarki, read from what is already entered: the strategic agreement's content
 * (objectives, focus-area goals) and the delaftaler's goals, delmål, criteria and activities.
 * Every member of the plan may see it. A fixed number of queries whatever the plan's size.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import {
  activities,
  agreements,
  focusAreas,
  goals,
  plans,
  strategicAgreements,
  successCriteria,
} from "../../db/schema";
import {
  buildGoalHierarchy,
  type GoalHierarchy,
  type GoalHierarchyAgreementRecord,
} from "~/domain/goal-hierarchy";
import type { RichText } from "~/domain/rich-text";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";
import { NotFoundError } from "./errors.server";

export async function getGoalHierarchy(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<GoalHierarchy> {
  await requirePlanRole(db, user, planId);
  const [plan] = await db
    .select({
      id: plans.id,
      name: plans.name,
      periodStart: plans.periodStart,
      periodEnd: plans.periodEnd,
      fundingRoundId: plans.fundingRoundId,
    })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!plan) throw new NotFoundError("Planen findes ikke");
  const inPlan = (column: PgColumn) =>
    inArray(
      column,
      db.select({ id: agreements.id }).from(agreements).where(eq(agreements.planId, planId)),
    );
  const [strategic, roundFocusAreas, agreementRows, goalRows, criterionRows, activityRows] =
    await Promise.all([
      db
        .select({ content: strategicAgreements.content })
        .from(strategicAgreements)
        .where(eq(strategicAgreements.planId, planId)),
      db
        .select({ id: focusAreas.id, name: focusAreas.name, position: focusAreas.position })
        .from(focusAreas)
        .where(eq(focusAreas.fundingRoundId, plan.fundingRoundId)),
      db
        .select({
          id: agreements.id,
          primaryTargetGroup: agreements.primaryTargetGroup,
          focusArea: { id: focusAreas.id, name: focusAreas.name, position: focusAreas.position },
        })
        .from(agreements)
        .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
        .where(eq(agreements.planId, planId)),
      db
        .select({
          agreementId: goals.agreementId,
          id: goals.id,
          parentId: goals.parentId,
          text: goals.text,
          position: goals.position,
        })
        .from(goals)
        .where(inPlan(goals.agreementId)),
      db
        .select({
          agreementId: successCriteria.agreementId,
          id: successCriteria.id,
          activityId: successCriteria.activityId,
          goalId: successCriteria.goalId,
          text: successCriteria.text,
          position: successCriteria.position,
        })
        .from(successCriteria)
        .where(and(inPlan(successCriteria.agreementId), isNull(successCriteria.retiredAt))),
      db
        .select({
          agreementId: activities.agreementId,
          id: activities.id,
          name: activities.name,
          shortName: activities.shortName,
          position: activities.position,
        })
        .from(activities)
        .where(and(inPlan(activities.agreementId), isNull(activities.retiredAt))),
    ]);
  const of = <T extends { agreementId: number }>(rows: T[], agreementId: number) =>
    rows.filter((r) => r.agreementId === agreementId).map(({ agreementId: _a, ...r }) => r);
  const records: GoalHierarchyAgreementRecord[] = agreementRows.map((a) => ({
    id: a.id,
    focusArea: a.focusArea,
    primaryTargetGroup: a.primaryTargetGroup as RichText | null,
    goals: of(goalRows, a.id),
    // An activity's criterion whose activity was retired is not part of the working draft.
    criteria: of(criterionRows, a.id),
    activities: of(activityRows, a.id),
  }));
  const activityIds = new Set(activityRows.map((a) => a.id));
  for (const r of records)
    r.criteria = r.criteria.filter((c) => c.activityId == null || activityIds.has(c.activityId));
  const { fundingRoundId: _f, ...planView } = plan;
  return buildGoalHierarchy({
    plan: planView,
    strategic: strategic[0]?.content ?? null,
    focusAreas: roundFocusAreas,
    agreements: records,
  });
}
