/**
 * The views the documents need: the year's log per activity (Excel) and the action list after an
 * event (Word, sent to the partners). Plain data; the templates format it.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  activities,
  agreements,
  focusAreas,
  logEventKinds,
  logEvents,
  plans,
} from "../../../db/schema";
import { logActionStatusLabels } from "~/domain/activity-log";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "../access.server";
import { getLogEvent } from "./events.server";
import { ensureLogSettings } from "./settings.server";
import { eventsInYear } from "./events.server";

export interface ActivityYearLogRow {
  eventId: number;
  date: string;
  kind: string;
  activity: { id: number; name: string };
  focusArea: string;
  place: string | null;
  note: string | null;
  /** Participants by group id. */
  participants: Record<number, number>;
  participantTotal: number;
  findingCount: number;
  actionCount: number;
  doneCount: number;
  followUpOfId: number | null;
}

export interface ActivityYearLog {
  planName: string;
  year: number;
  /** The groups, in the plan's order (the sheet's participant columns). */
  groups: { id: number; name: string }[];
  rows: ActivityYearLogRow[];
}

/** The plan's events in a year (optionally one activity's), by activity then date. Any member. */
export async function getActivityYearLog(
  db: Db,
  user: SessionUser,
  planId: number,
  { year, activityId }: { year: number; activityId?: number | null },
): Promise<ActivityYearLog> {
  await requirePlanRole(db, user, planId);
  const [settings, [plan], rows] = await Promise.all([
    ensureLogSettings(db, planId),
    db.select({ name: plans.name }).from(plans).where(eq(plans.id, planId)),
    db
      .select({
        eventId: logEvents.id,
        date: logEvents.date,
        kind: logEventKinds.name,
        activityId: activities.id,
        activityName: activities.name,
        focusArea: focusAreas.name,
        place: logEvents.place,
        note: logEvents.note,
        followUpOfId: logEvents.followUpOfId,
        groupIds: sql<
          number[] | null
        >`(select array_agg(p.group_id order by p.group_id) from log_event_participants p where p.event_id = ${logEvents.id})`,
        counts: sql<
          number[] | null
        >`(select array_agg(p.count order by p.group_id) from log_event_participants p where p.event_id = ${logEvents.id})`,
        findingCount: sql<number>`(select count(*)::int from log_findings f where f.event_id = ${logEvents.id})`,
        actionCount: sql<number>`(select count(*)::int from log_actions a join log_findings f on f.id = a.finding_id where f.event_id = ${logEvents.id})`,
        doneCount: sql<number>`(select count(*)::int from log_actions a join log_findings f on f.id = a.finding_id where f.event_id = ${logEvents.id} and a.status = 'done')`,
      })
      .from(logEvents)
      .innerJoin(logEventKinds, eq(logEventKinds.id, logEvents.kindId))
      .innerJoin(activities, eq(activities.id, logEvents.activityId))
      .innerJoin(agreements, eq(agreements.id, activities.agreementId))
      .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
      .where(
        and(
          eventsInYear(planId, year),
          activityId != null ? eq(logEvents.activityId, activityId) : undefined,
        ),
      )
      .orderBy(
        asc(focusAreas.name),
        asc(activities.position),
        asc(activities.id),
        asc(logEvents.date),
        asc(logEvents.id),
      ),
  ]);
  return {
    planName: plan?.name ?? "",
    year,
    groups: settings.groups.map((g) => ({ id: g.id, name: g.name })),
    rows: rows.map((r) => {
      const groupIds = (r.groupIds ?? []).map(Number);
      const counts = (r.counts ?? []).map(Number);
      const participants = Object.fromEntries(groupIds.map((g, i) => [g, counts[i] ?? 0]));
      return {
        eventId: r.eventId,
        date: r.date,
        kind: r.kind,
        activity: { id: r.activityId, name: r.activityName },
        focusArea: r.focusArea,
        place: r.place,
        note: r.note,
        participants,
        participantTotal: counts.reduce((s, c) => s + c, 0),
        findingCount: Number(r.findingCount),
        actionCount: Number(r.actionCount),
        doneCount: Number(r.doneCount),
        followUpOfId: r.followUpOfId,
      };
    }),
  };
}

export interface ActionListView {
  planName: string;
  focusArea: string;
  activity: string;
  event: { id: number; date: string; kind: string; place: string | null; note: string | null };
  participants: { group: string; count: number }[];
  findings: {
    text: string;
    place: string | null;
    actions: {
      responsible: string;
      description: string;
      dueDate: string | null;
      status: string;
      dropReason: string | null;
    }[];
  }[];
  followUpDue: string | null;
}

/** The action list after an event, for the Word document sent to the partners. Any member. */
export async function getActionList(
  db: Db,
  user: SessionUser,
  planId: number,
  eventId: number,
): Promise<ActionListView> {
  const event = await getLogEvent(db, user, planId, eventId);
  const [plan] = await db.select({ name: plans.name }).from(plans).where(eq(plans.id, planId));
  return {
    planName: plan?.name ?? "",
    focusArea: event.agreement.focusArea,
    activity: event.activity.name,
    event: {
      id: event.id,
      date: event.date,
      kind: event.kind.name,
      place: event.place,
      note: event.note,
    },
    participants: event.participants.map((p) => ({ group: p.group, count: p.count })),
    findings: event.findings.map((f) => ({
      text: f.text,
      place: f.place,
      actions: f.actions.map((a) => ({
        responsible: a.responsible,
        description: a.description,
        dueDate: a.dueDate,
        status: logActionStatusLabels[a.status],
        dropReason: a.dropReason,
      })),
    })),
    followUpDue: event.followUpDue,
  };
}
