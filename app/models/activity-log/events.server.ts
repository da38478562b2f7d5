/**
 * Events of the activity log: the plan's list (paged, newest first, a fixed number of queries),
 * one event with its participants, findings and actions (and, for a follow-up meeting, the
 * original event's findings with their statuses), and creating, editing and deleting an event with
 * all its rows in one transaction with an audit event and optimistic locking.
 */
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  activities,
  agreements,
  focusAreas,
  logActionReviews,
  logActions,
  logEventKinds,
  logEventParticipants,
  logEvents,
  logFindings,
  logParticipantGroups,
} from "../../../db/schema";
import {
  canEditLog,
  DEFAULT_FOLLOW_UP_MONTHS,
  followUpDate,
  LOG_EDITOR_ROLES,
  partyValue,
  type LogActionStatus,
  type LogEventValues,
} from "~/domain/activity-log";
import type { PlanAccessRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "../access.server";
import { recordAudit } from "../audit.server";
import { ConflictError, NotFoundError } from "../errors.server";
import { idsOf, syncRows } from "../internal/row-sync.server";
import {
  checkEventValues,
  EVENT_MISSING,
  partyOptionsFor,
  requireEventOfPlan,
  selectFindings,
  type FindingView,
  type PartyOption,
} from "./shared.server";

export interface LogEventListItem {
  id: number;
  date: string;
  kind: string;
  activity: { id: number; name: string };
  agreement: { id: number; focusArea: string };
  place: string | null;
  participantTotal: number;
  findingCount: number;
  openActionCount: number;
  followUpDue: string | null;
  followUpOfId: number | null;
}

export interface ListLogEventsOptions {
  year?: number | null;
  activityId?: number | null;
  kindId?: number | null;
  page?: number;
  pageSize?: number;
}

/** The plan's events, newest first, one page: three queries whatever the number of events. */
export async function listLogEvents(
  db: Db,
  user: SessionUser,
  planId: number,
  { year, activityId, kindId, page = 1, pageSize = 50 }: ListLogEventsOptions = {},
): Promise<{ events: LogEventListItem[]; total: number; role: PlanAccessRole; canEdit: boolean }> {
  const role = await requirePlanRole(db, user, planId);
  const size = Math.min(Math.max(1, Math.floor(pageSize)), 500);
  const offset = (Math.max(1, Math.floor(page)) - 1) * size;
  const where = and(
    eq(logEvents.planId, planId),
    year != null ? gte(logEvents.date, `${year}-01-01`) : undefined,
    year != null ? lt(logEvents.date, `${year + 1}-01-01`) : undefined,
    activityId != null ? eq(logEvents.activityId, activityId) : undefined,
    kindId != null ? eq(logEvents.kindId, kindId) : undefined,
  );
  // The page's ids first (the plan/date index, no per-row work), then the counts for those only.
  const pageIds = db.$with("page").as(
    db
      .select({ pageId: sql<number>`${logEvents.id}`.as("page_id") })
      .from(logEvents)
      .where(where)
      .orderBy(desc(logEvents.date), desc(logEvents.id))
      .limit(size)
      .offset(offset),
  );
  const [[count], rows] = await Promise.all([
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(logEvents)
      .where(where),
    db
      .with(pageIds)
      .select({
        id: logEvents.id,
        date: logEvents.date,
        kind: logEventKinds.name,
        activityId: activities.id,
        activityName: activities.name,
        agreementId: agreements.id,
        focusArea: focusAreas.name,
        place: logEvents.place,
        participantTotal: sql<number>`(select coalesce(sum(p.count), 0)::int from ${logEventParticipants} p where p.event_id = ${logEvents.id})`,
        findingCount: sql<number>`(select count(*)::int from ${logFindings} f where f.event_id = ${logEvents.id})`,
        openActionCount: sql<number>`(select count(*)::int from ${logActions} a join ${logFindings} f on f.id = a.finding_id where f.event_id = ${logEvents.id} and a.status in ('open', 'in_progress'))`,
        followUpDue: logEvents.followUpDue,
        followUpOfId: logEvents.followUpOfId,
      })
      .from(pageIds)
      .innerJoin(logEvents, eq(logEvents.id, pageIds.pageId))
      .innerJoin(logEventKinds, eq(logEventKinds.id, logEvents.kindId))
      .innerJoin(activities, eq(activities.id, logEvents.activityId))
      .innerJoin(agreements, eq(agreements.id, activities.agreementId))
      .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
      .orderBy(desc(logEvents.date), desc(logEvents.id)),
  ]);
  return {
    role,
    canEdit: canEditLog(role),
    total: Number(count?.total ?? 0),
    events: rows.map((r) => ({
      id: r.id,
      date: r.date,
      kind: r.kind,
      activity: { id: r.activityId, name: r.activityName },
      agreement: { id: r.agreementId, focusArea: r.focusArea },
      place: r.place,
      participantTotal: Number(r.participantTotal),
      findingCount: Number(r.findingCount),
      openActionCount: Number(r.openActionCount),
      followUpDue: r.followUpDue,
      followUpOfId: r.followUpOfId,
    })),
  };
}

export interface LogEventDetail {
  id: number;
  planId: number;
  version: number;
  date: string;
  kind: { id: number; name: string };
  activity: { id: number; name: string; retired: boolean };
  agreement: { id: number; focusArea: string };
  place: string | null;
  note: string | null;
  participants: { groupId: number; group: string; count: number }[];
  participantTotal: number;
  findings: FindingView[];
  followUpDue: string | null;
  followUpOfId: number | null;
  /** The follow-up meetings held for this event. */
  followUps: { id: number; date: string }[];
  /** For a follow-up meeting: the original event, its findings with statuses, and this meeting's reviews. */
  followUpOf: {
    id: number;
    date: string;
    kind: string;
    findings: FindingView[];
    reviews: { actionId: number; status: LogActionStatus; note: string | null }[];
  } | null;
  partyOptions: PartyOption[];
  role: PlanAccessRole;
  canEdit: boolean;
}

/** One event of the plan with everything on it; any member (404 for others and other plans'). */
export async function getLogEvent(
  db: Db,
  user: SessionUser,
  planId: number,
  eventId: number,
): Promise<LogEventDetail> {
  const role = await requirePlanRole(db, user, planId);
  const [event] = await db
    .select({
      id: logEvents.id,
      planId: logEvents.planId,
      version: logEvents.version,
      date: logEvents.date,
      kindId: logEventKinds.id,
      kind: logEventKinds.name,
      activityId: activities.id,
      activityName: activities.name,
      activityRetiredAt: activities.retiredAt,
      agreementId: agreements.id,
      focusArea: focusAreas.name,
      place: logEvents.place,
      note: logEvents.note,
      followUpDue: logEvents.followUpDue,
      followUpOfId: logEvents.followUpOfId,
    })
    .from(logEvents)
    .innerJoin(logEventKinds, eq(logEventKinds.id, logEvents.kindId))
    .innerJoin(activities, eq(activities.id, logEvents.activityId))
    .innerJoin(agreements, eq(agreements.id, activities.agreementId))
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
    .where(and(eq(logEvents.id, eventId), eq(logEvents.planId, planId)));
  if (!event) throw new NotFoundError(EVENT_MISSING);
  const originalId = event.followUpOfId;
  const [participants, findings, followUps, original, reviews, options] = await Promise.all([
    db
      .select({
        groupId: logEventParticipants.groupId,
        group: logParticipantGroups.name,
        count: logEventParticipants.count,
      })
      .from(logEventParticipants)
      .innerJoin(logParticipantGroups, eq(logParticipantGroups.id, logEventParticipants.groupId))
      .where(eq(logEventParticipants.eventId, eventId))
      .orderBy(asc(logParticipantGroups.position), asc(logParticipantGroups.id)),
    selectFindings(db, originalId != null ? [eventId, originalId] : [eventId]),
    db
      .select({ id: logEvents.id, date: logEvents.date })
      .from(logEvents)
      .where(eq(logEvents.followUpOfId, eventId))
      .orderBy(asc(logEvents.date), asc(logEvents.id)),
    originalId != null
      ? db
          .select({ id: logEvents.id, date: logEvents.date, kind: logEventKinds.name })
          .from(logEvents)
          .innerJoin(logEventKinds, eq(logEventKinds.id, logEvents.kindId))
          .where(eq(logEvents.id, originalId))
      : Promise.resolve([]),
    originalId != null
      ? db
          .select({
            actionId: logActionReviews.actionId,
            status: logActionReviews.status,
            note: logActionReviews.note,
          })
          .from(logActionReviews)
          .where(eq(logActionReviews.followUpEventId, eventId))
      : Promise.resolve([]),
    partyOptionsFor(db, [event.agreementId]),
  ]);
  const partyOptions = options.get(event.agreementId) ?? [];
  // A party no longer in the agreement stays a choice for the actions that name it.
  for (const f of findings.filter((f) => f.eventId === eventId))
    for (const a of f.actions)
      if (!partyOptions.some((o) => o.value === a.party))
        partyOptions.push({ value: a.party, label: a.responsible });
  const originalRow = original[0];
  return {
    id: event.id,
    planId: event.planId,
    version: event.version,
    date: event.date,
    kind: { id: event.kindId, name: event.kind },
    activity: {
      id: event.activityId,
      name: event.activityName,
      retired: event.activityRetiredAt != null,
    },
    agreement: { id: event.agreementId, focusArea: event.focusArea },
    place: event.place,
    note: event.note,
    participants,
    participantTotal: participants.reduce((s, p) => s + p.count, 0),
    findings: findings.filter((f) => f.eventId === eventId),
    followUpDue: event.followUpDue,
    followUpOfId: event.followUpOfId,
    followUps,
    followUpOf: originalRow
      ? {
          id: originalRow.id,
          date: originalRow.date,
          kind: originalRow.kind,
          findings: findings.filter((f) => f.eventId === originalRow.id),
          reviews,
        }
      : null,
    partyOptions,
    role,
    canEdit: canEditLog(role),
  };
}

/** The stored follow-up date: the one given, or the kind's interval (default 6 months) after the date. */
function followUpDueOf(values: LogEventValues, followUpMonths: number | null): string | null {
  if (!values.scheduleFollowUp) return null;
  return (
    values.followUpDue ?? followUpDate(values.date, followUpMonths ?? DEFAULT_FOLLOW_UP_MONTHS)
  );
}

const eventColumns = (values: LogEventValues, followUpDue: string | null) => ({
  activityId: values.activityId,
  kindId: values.kindId,
  date: values.date,
  place: values.place,
  note: values.note,
  followUpDue,
});

/** Participants, findings and actions of an event brought in line with the form (ids kept). */
async function writeEventChildren(tx: Db, eventId: number, values: LogEventValues) {
  await tx.delete(logEventParticipants).where(eq(logEventParticipants.eventId, eventId));
  if (values.participants.length)
    await tx
      .insert(logEventParticipants)
      .values(values.participants.map((p) => ({ eventId, groupId: p.groupId, count: p.count })));
  const findingIds = await syncRows(
    tx,
    logFindings,
    await idsOf(tx, logFindings, eq(logFindings.eventId, eventId)),
    values.findings,
    (f, position) => ({ eventId, text: f.text, place: f.place, position }),
    ["text", "place", "position"],
    { field: "findings" },
  );
  const existing = findingIds.length
    ? await tx
        .select({ id: logActions.id, findingId: logActions.findingId, version: logActions.version })
        .from(logActions)
        .where(inArray(logActions.findingId, findingIds))
    : [];
  const versions = new Map(existing.map((a) => [a.id, a.version]));
  for (const [i, finding] of values.findings.entries()) {
    const findingId = findingIds[i]!;
    await syncRows(
      tx,
      logActions,
      existing.filter((a) => a.findingId === findingId).map((a) => a.id),
      finding.actions,
      (a, position) => ({
        findingId,
        organisationId: a.organisationId,
        partyLabel: a.partyLabel,
        description: a.description,
        dueDate: a.dueDate,
        status: a.status,
        dropReason: a.dropReason,
        position,
        // Saving the event saves its actions too: a status change elsewhere since is a conflict.
        version: (a.id != null ? (versions.get(a.id) ?? 0) : 0) + 1,
        updatedAt: sql`now()` as unknown as Date,
      }),
      [
        "organisationId",
        "partyLabel",
        "description",
        "dueDate",
        "status",
        "dropReason",
        "position",
        "version",
        "updatedAt",
      ],
      { field: `findings.${i}.actions` },
    );
  }
}

/** Logs an event with its participants, findings and actions (secretariat, reporters, admins). */
export async function createLogEvent(
  db: Db,
  user: SessionUser,
  planId: number,
  values: LogEventValues,
): Promise<{ id: number }> {
  await requirePlanRole(db, user, planId, LOG_EDITOR_ROLES);
  const { followUpMonths } = await checkEventValues(db, planId, values);
  const followUpDue = followUpDueOf(values, followUpMonths);
  return db.transaction(async (tx) => {
    const [event] = await tx
      .insert(logEvents)
      .values({
        planId,
        ...eventColumns(values, followUpDue),
        createdBy: user.id,
        updatedBy: user.id,
      })
      .returning({ id: logEvents.id });
    await writeEventChildren(tx, event!.id, values);
    await recordAudit(tx, {
      user,
      action: "log_event.create",
      entityType: "log_event",
      entityId: event!.id,
      planId,
      after: { ...values, followUpDue },
    });
    return { id: event!.id };
  });
}

/** The event's current activity, kind, groups and parties (kept valid even when retired since). */
async function currentOf(db: Db, eventId: number, event: { activityId: number; kindId: number }) {
  const [groups, findings] = await Promise.all([
    db
      .select({ groupId: logEventParticipants.groupId })
      .from(logEventParticipants)
      .where(eq(logEventParticipants.eventId, eventId)),
    selectFindings(db, [eventId]),
  ]);
  return {
    activityId: event.activityId,
    kindId: event.kindId,
    groupIds: groups.map((g) => g.groupId),
    parties: findings.flatMap((f) => f.actions.map((a) => partyValue(a))),
    before: findings,
  };
}

/** Saves an edited event (ConflictError when someone saved it since `version`). */
export async function updateLogEvent(
  db: Db,
  user: SessionUser,
  planId: number,
  eventId: number,
  { version, ...values }: LogEventValues & { version: number },
): Promise<void> {
  await requirePlanRole(db, user, planId, LOG_EDITOR_ROLES);
  const event = await requireEventOfPlan(db, planId, eventId);
  const current = await currentOf(db, eventId, event);
  const { followUpMonths } = await checkEventValues(db, planId, values, current);
  const followUpDue = followUpDueOf(values, followUpMonths);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(logEvents)
      .set({
        ...eventColumns(values, followUpDue),
        updatedBy: user.id,
        version: sql`${logEvents.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(logEvents.id, eventId), eq(logEvents.version, version)))
      .returning({ id: logEvents.id });
    if (!updated.length) throw new ConflictError();
    await writeEventChildren(tx, eventId, values);
    await recordAudit(tx, {
      user,
      action: "log_event.update",
      entityType: "log_event",
      entityId: eventId,
      planId,
      before: { ...event, findings: current.before },
      after: { ...values, followUpDue },
    });
  });
}

/** Deletes an event with its participants, findings and actions (ConflictError when stale). */
export async function deleteLogEvent(
  db: Db,
  user: SessionUser,
  planId: number,
  eventId: number,
  { version }: { version: number },
): Promise<void> {
  await requirePlanRole(db, user, planId, LOG_EDITOR_ROLES);
  const event = await requireEventOfPlan(db, planId, eventId);
  const before = await selectFindings(db, [eventId]);
  await db.transaction(async (tx) => {
    const deleted = await tx
      .delete(logEvents)
      .where(and(eq(logEvents.id, eventId), eq(logEvents.version, version)))
      .returning({ id: logEvents.id });
    if (!deleted.length) throw new ConflictError();
    await recordAudit(tx, {
      user,
      action: "log_event.delete",
      entityType: "log_event",
      entityId: eventId,
      planId,
      before: { ...event, findings: before },
    });
  });
}

/** Where-clause for the plan's events in a year (shared with the exports and measurements). */
export function eventsInYear(planId: number, year: number): SQL {
  return and(
    eq(logEvents.planId, planId),
    gte(logEvents.date, `${year}-01-01`),
    lt(logEvents.date, `${year + 1}-01-01`),
  )!;
}
