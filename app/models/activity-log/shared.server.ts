/**
 * What the activity-log models share: finding an event of a plan (404 otherwise), the responsible
 * party's label, the agreement's parties as choices, and checking the ids a form sends.
 */
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  activities,
  agreementParties,
  agreements,
  logActions,
  logEventKinds,
  logEvents,
  logFindings,
  logParticipantGroups,
  organisations,
} from "../../../db/schema";
import { partyValue, type LogEventValues } from "~/domain/activity-log";
import { FieldValidationError, NotFoundError } from "../errors.server";

export const EVENT_MISSING = "Aktiviteten i loggen findes ikke";

/** The event, when it is the plan's; 404 otherwise (another plan's events are not revealed). */
export async function requireEventOfPlan(db: Db, planId: number, eventId: number) {
  const [event] = await db
    .select({
      id: logEvents.id,
      planId: logEvents.planId,
      activityId: logEvents.activityId,
      agreementId: activities.agreementId,
      kindId: logEvents.kindId,
      date: logEvents.date,
      followUpOfId: logEvents.followUpOfId,
      followUpDue: logEvents.followUpDue,
      version: logEvents.version,
    })
    .from(logEvents)
    .innerJoin(activities, eq(activities.id, logEvents.activityId))
    .where(and(eq(logEvents.id, eventId), eq(logEvents.planId, planId)));
  if (!event) throw new NotFoundError(EVENT_MISSING);
  return event;
}

/** The party responsible for an action as shown: the organisation's name, else the label. */
export const partyLabelSql = sql<string>`coalesce(${organisations.name}, ${logActions.partyLabel})`;

export interface PartyOption {
  /** "org:12" or "label:Politiet" (LogActionSchema's `party`). */
  value: string;
  label: string;
}

/** The agreements' parties as choices for an action's responsible party, in the agreement's order. */
export async function partyOptionsFor(
  db: Db,
  agreementIds: number[],
): Promise<Map<number, PartyOption[]>> {
  const byAgreement = new Map<number, PartyOption[]>(agreementIds.map((id) => [id, []]));
  if (!agreementIds.length) return byAgreement;
  const rows = await db
    .select({
      agreementId: agreementParties.agreementId,
      organisationId: agreementParties.organisationId,
      organisationName: organisations.name,
      label: agreementParties.label,
    })
    .from(agreementParties)
    .leftJoin(organisations, eq(organisations.id, agreementParties.organisationId))
    .where(inArray(agreementParties.agreementId, agreementIds))
    .orderBy(asc(agreementParties.position), asc(agreementParties.id));
  for (const r of rows) {
    const options = byAgreement.get(r.agreementId)!;
    const value = partyValue({ organisationId: r.organisationId, partyLabel: r.label });
    if (options.some((o) => o.value === value)) continue;
    options.push({ value, label: r.organisationName ?? r.label ?? "" });
  }
  return byAgreement;
}

/**
 * Checks that the event's activity, kind, groups and parties are the plan's (a tampered or stale
 * form is a 400 on the field): the activity a current one of the plan's agreements (or the event's
 * own), the kind and groups the plan's and not retired (or already on the event), each action's
 * party one of the activity's agreement's parties (or already on the event). Returns the
 * activity's agreement and the kind's follow-up interval.
 */
export async function checkEventValues(
  db: Db,
  planId: number,
  values: LogEventValues,
  current?: { activityId: number; kindId: number; groupIds: number[]; parties: string[] },
): Promise<{ agreementId: number; followUpMonths: number | null }> {
  const groupIds = values.participants.map((p) => p.groupId);
  const [[activity], [kind], groups] = await Promise.all([
    db
      .select({ agreementId: activities.agreementId, retiredAt: activities.retiredAt })
      .from(activities)
      .innerJoin(agreements, eq(agreements.id, activities.agreementId))
      .where(and(eq(activities.id, values.activityId), eq(agreements.planId, planId))),
    db
      .select({ followUpMonths: logEventKinds.followUpMonths, retiredAt: logEventKinds.retiredAt })
      .from(logEventKinds)
      .where(and(eq(logEventKinds.id, values.kindId), eq(logEventKinds.planId, planId))),
    groupIds.length
      ? db
          .select({ id: logParticipantGroups.id })
          .from(logParticipantGroups)
          .where(
            and(
              inArray(logParticipantGroups.id, groupIds),
              eq(logParticipantGroups.planId, planId),
              or(
                isNull(logParticipantGroups.retiredAt),
                inArray(logParticipantGroups.id, current?.groupIds.length ? current.groupIds : [0]),
              ),
            ),
          )
      : Promise.resolve([]),
  ]);
  const errors: Record<string, string> = {};
  if (!activity || (activity.retiredAt != null && current?.activityId !== values.activityId))
    errors.activityId = "Vælg en af planens aktiviteter";
  if (!kind || (kind.retiredAt != null && current?.kindId !== values.kindId))
    errors.kindId = "Vælg en af planens typer";
  const knownGroups = new Set(groups.map((g) => g.id));
  values.participants.forEach((p, i) => {
    if (!knownGroups.has(p.groupId)) errors[`participants.${i}.count`] = "Ukendt deltagergruppe";
  });
  if (activity) {
    const options = (await partyOptionsFor(db, [activity.agreementId])).get(activity.agreementId)!;
    const allowed = new Set([...options.map((o) => o.value), ...(current?.parties ?? [])]);
    values.findings.forEach((f, i) =>
      f.actions.forEach((a, j) => {
        if (!allowed.has(partyValue(a)))
          errors[`findings.${i}.actions.${j}.party`] = "Vælg en af delaftalens parter";
      }),
    );
  }
  if (Object.keys(errors).length) throw new FieldValidationError(errors);
  return { agreementId: activity!.agreementId, followUpMonths: kind!.followUpMonths };
}

/** The findings and actions of events, in order, with each action's party label. */
export async function selectFindings(db: Db, eventIds: number[]) {
  if (!eventIds.length) return [];
  const [findings, actions] = await Promise.all([
    db
      .select({
        id: logFindings.id,
        eventId: logFindings.eventId,
        text: logFindings.text,
        place: logFindings.place,
      })
      .from(logFindings)
      .where(inArray(logFindings.eventId, eventIds))
      .orderBy(asc(logFindings.position), asc(logFindings.id)),
    db
      .select({
        id: logActions.id,
        findingId: logActions.findingId,
        organisationId: logActions.organisationId,
        partyLabel: logActions.partyLabel,
        responsible: partyLabelSql,
        description: logActions.description,
        dueDate: logActions.dueDate,
        status: logActions.status,
        dropReason: logActions.dropReason,
        version: logActions.version,
      })
      .from(logActions)
      .innerJoin(logFindings, eq(logFindings.id, logActions.findingId))
      .leftJoin(organisations, eq(organisations.id, logActions.organisationId))
      .where(inArray(logFindings.eventId, eventIds))
      .orderBy(asc(logActions.position), asc(logActions.id)),
  ]);
  return findings.map((f) => ({
    ...f,
    actions: actions
      .filter((a) => a.findingId === f.id)
      .map(({ findingId: _f, ...a }) => ({ ...a, party: partyValue(a) })),
  }));
}
export type FindingView = Awaited<ReturnType<typeof selectFindings>>[number];
export type ActionView = FindingView["actions"][number];
