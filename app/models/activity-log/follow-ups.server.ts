/**
 * Follow-up meetings: an event linked to the event it follows up (follow_up_of_id), the
 * stock-taking at the meeting (a review per original action, which also becomes the action's
 * current status), and the follow-ups that are due across the user's plans.
 */
import { and, asc, eq, inArray, isNotNull, lte, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/client";
import {
  activities,
  logActionReviews,
  logActions,
  logEventKinds,
  logEvents,
  logFindings,
  planMemberships,
  plans,
} from "../../../db/schema";
import {
  FOLLOW_UP_KIND_NAME,
  LOG_EDITOR_ROLES,
  type FollowUpReviewValues,
  type FollowUpValues,
} from "~/domain/activity-log";
import { todayInDenmark } from "~/domain/format";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "../access.server";
import { recordAudit } from "../audit.server";
import { ConflictError, FieldValidationError } from "../errors.server";
import { ensureLogSettings } from "./settings.server";
import { requireEventOfPlan } from "./shared.server";

/**
 * Creates the follow-up meeting of an event: same activity, the given date, the kind given or
 * "Opfølgningsmøde". Returns the new event's id.
 */
export async function createFollowUp(
  db: Db,
  user: SessionUser,
  planId: number,
  eventId: number,
  { date, kindId }: FollowUpValues,
): Promise<{ id: number }> {
  await requirePlanRole(db, user, planId, LOG_EDITOR_ROLES);
  const original = await requireEventOfPlan(db, planId, eventId);
  const settings = await ensureLogSettings(db, planId);
  const kind =
    kindId != null
      ? settings.kinds.find((k) => k.id === kindId && !k.retired)
      : (settings.kinds.find((k) => k.name === FOLLOW_UP_KIND_NAME && !k.retired) ??
        settings.kinds.find((k) => !k.retired));
  if (!kind) throw new FieldValidationError({ kindId: "Vælg en af planens typer" });
  if (date < original.date)
    throw new FieldValidationError({ date: "Opfølgningen kan ikke ligge før aktiviteten" });
  return db.transaction(async (tx) => {
    const [event] = await tx
      .insert(logEvents)
      .values({
        planId,
        activityId: original.activityId,
        kindId: kind.id,
        date,
        followUpOfId: eventId,
        createdBy: user.id,
        updatedBy: user.id,
      })
      .returning({ id: logEvents.id });
    await recordAudit(tx, {
      user,
      action: "log_event.follow_up",
      entityType: "log_event",
      entityId: event!.id,
      planId,
      after: { followUpOfId: eventId, date, kindId: kind.id },
    });
    return { id: event!.id };
  });
}

/**
 * Records the stock-taking at a follow-up meeting: each reviewed action's status (and note) as
 * taken at the meeting, which also becomes the action's current status (a dropped one's note is
 * its reason). Only the original event's actions; the meeting's version guards against two people
 * recording at once (ConflictError).
 */
export async function saveFollowUpReviews(
  db: Db,
  user: SessionUser,
  planId: number,
  followUpEventId: number,
  { version, reviews }: FollowUpReviewValues,
): Promise<void> {
  await requirePlanRole(db, user, planId, LOG_EDITOR_ROLES);
  const event = await requireEventOfPlan(db, planId, followUpEventId);
  if (event.followUpOfId == null)
    throw new FieldValidationError({ reviews: "Aktiviteten er ikke et opfølgningsmøde" });
  const actionIds = reviews.map((r) => r.actionId);
  const actions = actionIds.length
    ? await db
        .select({ id: logActions.id, status: logActions.status, dropReason: logActions.dropReason })
        .from(logActions)
        .innerJoin(logFindings, eq(logFindings.id, logActions.findingId))
        .where(and(inArray(logActions.id, actionIds), eq(logFindings.eventId, event.followUpOfId)))
    : [];
  const known = new Map(actions.map((a) => [a.id, a]));
  const errors: Record<string, string> = {};
  const seen = new Set<number>();
  reviews.forEach((r, i) => {
    if (!known.has(r.actionId) || seen.has(r.actionId))
      errors[`reviews.${i}.status`] = "Opgaven hører ikke til den oprindelige aktivitet";
    seen.add(r.actionId);
  });
  if (Object.keys(errors).length) throw new FieldValidationError(errors);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(logEvents)
      .set({ version: sql`${logEvents.version} + 1`, updatedBy: user.id, updatedAt: sql`now()` })
      .where(and(eq(logEvents.id, followUpEventId), eq(logEvents.version, version)))
      .returning({ id: logEvents.id });
    if (!updated.length) throw new ConflictError();
    await tx.delete(logActionReviews).where(eq(logActionReviews.followUpEventId, followUpEventId));
    if (!reviews.length) return;
    await tx.insert(logActionReviews).values(
      reviews.map((r) => ({
        followUpEventId,
        actionId: r.actionId,
        status: r.status,
        note: r.note,
      })),
    );
    for (const r of reviews) {
      const before = known.get(r.actionId)!;
      if (before.status === r.status && (r.status !== "dropped" || !r.note)) continue;
      await tx
        .update(logActions)
        .set({
          status: r.status,
          dropReason: r.status === "dropped" ? r.note : null,
          updatedBy: user.id,
          version: sql`${logActions.version} + 1`,
          updatedAt: sql`now()`,
        })
        .where(eq(logActions.id, r.actionId));
    }
    await recordAudit(tx, {
      user,
      action: "log_event.review",
      entityType: "log_event",
      entityId: followUpEventId,
      planId,
      before: actions,
      after: reviews,
    });
  });
}

export interface DueFollowUp {
  eventId: number;
  planId: number;
  planName: string;
  date: string;
  kind: string;
  activity: { id: number; name: string };
  place: string | null;
  followUpDue: string;
  /** The due date has passed (today in Denmark). */
  overdue: boolean;
}

/**
 * Events of the user's plans (an admin's: all plans) whose follow-up is due by `until` and that
 * have no follow-up meeting yet, the earliest first. One query.
 */
export async function listDueFollowUps(
  db: Db,
  user: SessionUser,
  { until, planId }: { until: string; planId?: number },
): Promise<DueFollowUp[]> {
  const followUp = alias(logEvents, "follow_up");
  const rows = await db
    .select({
      eventId: logEvents.id,
      planId: logEvents.planId,
      planName: plans.name,
      date: logEvents.date,
      kind: logEventKinds.name,
      activityId: activities.id,
      activityName: activities.name,
      place: logEvents.place,
      followUpDue: logEvents.followUpDue,
    })
    .from(logEvents)
    .innerJoin(plans, eq(plans.id, logEvents.planId))
    .innerJoin(logEventKinds, eq(logEventKinds.id, logEvents.kindId))
    .innerJoin(activities, eq(activities.id, logEvents.activityId))
    .where(
      and(
        isNotNull(logEvents.followUpDue),
        lte(logEvents.followUpDue, until),
        planId != null ? eq(logEvents.planId, planId) : undefined,
        user.isAdmin
          ? undefined
          : inArray(
              logEvents.planId,
              db
                .select({ planId: planMemberships.planId })
                .from(planMemberships)
                .where(eq(planMemberships.userId, user.id)),
            ),
        notExists(
          db
            .select({ id: followUp.id })
            .from(followUp)
            .where(eq(followUp.followUpOfId, logEvents.id)),
        ),
      ),
    )
    .orderBy(asc(logEvents.followUpDue), asc(logEvents.id));
  const today = todayInDenmark();
  return rows.map((r) => ({
    eventId: r.eventId,
    planId: r.planId,
    planName: r.planName,
    date: r.date,
    kind: r.kind,
    activity: { id: r.activityId, name: r.activityName },
    place: r.place,
    followUpDue: r.followUpDue!,
    overdue: r.followUpDue! < today,
  }));
}
