/**
 * The year's values of the success criteria measured from the activity log (criterion_log_sources),
 * for the measurements grid and the progress report. Unscoped: the callers check the user's plan
 * role first. Never import this from a route or a component.
 *
 * Four queries run together, whatever the number of criteria and events: the sources, and the
 * year's events of the agreements' activities with their participants and their actions' statuses.
 * The events counted for a criterion are its activity's, or every activity's of the agreement for
 * the agreement's own criteria.
 */
import { and, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  activities,
  criterionLogSources,
  logActions,
  logEventKinds,
  logEventParticipants,
  logEvents,
  logFindings,
  logParticipantGroups,
  successCriteria,
} from "../../../db/schema";
import {
  computeLogValue,
  logSourceText,
  type LogActionStatus,
  type LogMetricEvent,
  type LogSourceSpec,
} from "~/domain/activity-log";
import type { CriterionLogValue } from "~/domain/measurement";

export type { CriterionLogValue };

function inYear(year: number) {
  return and(gte(logEvents.date, `${year}-01-01`), lte(logEvents.date, `${year}-12-31`));
}

/** criterionId → the log's value in `year`, for the agreements' criteria that have a log source. */
export async function loadCriterionLogValues(
  db: Db,
  agreementIds: number[],
  year: number,
): Promise<Map<number, CriterionLogValue>> {
  const values = new Map<number, CriterionLogValue>();
  if (!agreementIds.length) return values;
  const ofAgreements = inArray(activities.agreementId, agreementIds);
  const [sources, events, participants, actions] = await Promise.all([
    db
      .select({
        criterionId: criterionLogSources.criterionId,
        metric: criterionLogSources.metric,
        kindId: criterionLogSources.kindId,
        groupId: criterionLogSources.groupId,
        kindName: logEventKinds.name,
        groupName: logParticipantGroups.name,
        agreementId: successCriteria.agreementId,
        activityId: successCriteria.activityId,
      })
      .from(criterionLogSources)
      .innerJoin(successCriteria, eq(successCriteria.id, criterionLogSources.criterionId))
      .leftJoin(logEventKinds, eq(logEventKinds.id, criterionLogSources.kindId))
      .leftJoin(logParticipantGroups, eq(logParticipantGroups.id, criterionLogSources.groupId))
      .where(inArray(successCriteria.agreementId, agreementIds)),
    db
      .select({
        id: logEvents.id,
        activityId: logEvents.activityId,
        agreementId: activities.agreementId,
        kindId: logEvents.kindId,
        date: logEvents.date,
      })
      .from(logEvents)
      .innerJoin(activities, eq(activities.id, logEvents.activityId))
      .where(and(ofAgreements, inYear(year))),
    db
      .select({
        eventId: logEventParticipants.eventId,
        groupId: logEventParticipants.groupId,
        count: logEventParticipants.count,
      })
      .from(logEventParticipants)
      .innerJoin(logEvents, eq(logEvents.id, logEventParticipants.eventId))
      .innerJoin(activities, eq(activities.id, logEvents.activityId))
      .where(and(ofAgreements, inYear(year))),
    db
      .select({ eventId: logFindings.eventId, status: logActions.status })
      .from(logActions)
      .innerJoin(logFindings, eq(logFindings.id, logActions.findingId))
      .innerJoin(logEvents, eq(logEvents.id, logFindings.eventId))
      .innerJoin(activities, eq(activities.id, logEvents.activityId))
      .where(and(ofAgreements, inYear(year))),
  ]);
  if (!sources.length) return values;

  const byEvent = new Map<
    number,
    LogMetricEvent & { activityId: number; agreementId: number }
  >();
  for (const e of events) {
    byEvent.set(e.id, { ...e, participants: [], actions: [] });
  }
  for (const p of participants) byEvent.get(p.eventId)?.participants.push(p);
  for (const a of actions) {
    byEvent.get(a.eventId)?.actions.push({ status: a.status as LogActionStatus });
  }
  const all = [...byEvent.values()];

  for (const s of sources) {
    const spec: LogSourceSpec = { metric: s.metric, kindId: s.kindId, groupId: s.groupId };
    const counted = all.filter((e) =>
      s.activityId != null ? e.activityId === s.activityId : e.agreementId === s.agreementId,
    );
    const value = computeLogValue(spec, counted, year);
    values.set(s.criterionId, {
      ...spec,
      value,
      sourceText: logSourceText(spec, value, year, { kind: s.kindName, group: s.groupName }),
    });
  }
  return values;
}
