/**
 * Success criteria measured from the log: a criterion names a log source (count of events of a
 * kind, sum of a participant group, share of actions done); the year's value is computed from the
 * events of the criterion's activity (or of all the agreement's activities for the agreement's own
 * criteria) with computeLogValue, in a fixed number of queries.
 */
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  activities,
  agreements,
  criterionLogSources,
  logEventKinds,
  logEvents,
  logParticipantGroups,
  successCriteria,
} from "../../../db/schema";
import {
  computeLogValue,
  LOG_EDITOR_ROLES,
  logSourceText,
  type LogActionStatus,
  type LogMetric,
  type LogMetricEvent,
  type LogSourceSpec,
} from "~/domain/activity-log";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "../access.server";
import { recordAudit } from "../audit.server";
import { FieldValidationError, NotFoundError } from "../errors.server";

export interface CriterionLogSource extends LogSourceSpec {
  criterionId: number;
  /** The criterion's activity (null: the agreement's own criterion, counting all its activities). */
  activityId: number | null;
  kind: string | null;
  group: string | null;
}

/** The agreement's plan, checking the user may see it (404 for an agreement they cannot). */
async function requireAgreementAccess(db: Db, user: SessionUser, agreementId: number) {
  const [agreement] = await db
    .select({ planId: agreements.planId })
    .from(agreements)
    .where(eq(agreements.id, agreementId));
  if (!agreement) throw new NotFoundError("Delaftalen findes ikke");
  const role = await requirePlanRole(db, user, agreement.planId);
  return { planId: agreement.planId, role };
}

function selectSources(db: Db, agreementId: number) {
  return db
    .select({
      criterionId: criterionLogSources.criterionId,
      metric: criterionLogSources.metric,
      kindId: criterionLogSources.kindId,
      groupId: criterionLogSources.groupId,
      activityId: successCriteria.activityId,
      kind: logEventKinds.name,
      group: logParticipantGroups.name,
    })
    .from(criterionLogSources)
    .innerJoin(successCriteria, eq(successCriteria.id, criterionLogSources.criterionId))
    .leftJoin(logEventKinds, eq(logEventKinds.id, criterionLogSources.kindId))
    .leftJoin(logParticipantGroups, eq(logParticipantGroups.id, criterionLogSources.groupId))
    .where(eq(successCriteria.agreementId, agreementId));
}

/** The log sources of an agreement's criteria; any member of its plan. */
export async function getCriterionLogSources(
  db: Db,
  user: SessionUser,
  agreementId: number,
): Promise<CriterionLogSource[]> {
  await requireAgreementAccess(db, user, agreementId);
  return selectSources(db, agreementId);
}

/**
 * Sets (or with null removes) a criterion's log source: secretariat, reporters, admins. The
 * criterion must be one of the plan's, the kind and group the plan's.
 */
export async function saveCriterionLogSource(
  db: Db,
  user: SessionUser,
  planId: number,
  criterionId: number,
  source: LogSourceSpec | null,
): Promise<void> {
  await requirePlanRole(db, user, planId, LOG_EDITOR_ROLES);
  const [criterion] = await db
    .select({ id: successCriteria.id })
    .from(successCriteria)
    .innerJoin(agreements, eq(agreements.id, successCriteria.agreementId))
    .where(and(eq(successCriteria.id, criterionId), eq(agreements.planId, planId)));
  if (!criterion) throw new NotFoundError("Succeskriteriet findes ikke");
  if (source) {
    const errors: Record<string, string> = {};
    const [[kind], [group]] = await Promise.all([
      source.kindId != null
        ? db
            .select({ id: logEventKinds.id })
            .from(logEventKinds)
            .where(and(eq(logEventKinds.id, source.kindId), eq(logEventKinds.planId, planId)))
        : Promise.resolve([{ id: 0 }]),
      source.groupId != null
        ? db
            .select({ id: logParticipantGroups.id })
            .from(logParticipantGroups)
            .where(
              and(
                eq(logParticipantGroups.id, source.groupId),
                eq(logParticipantGroups.planId, planId),
              ),
            )
        : Promise.resolve([{ id: 0 }]),
    ]);
    if (!kind) errors.kindId = "Vælg en af planens typer";
    if (!group) errors.groupId = "Vælg en af planens deltagergrupper";
    if (source.metric === "participant_sum" && source.groupId == null)
      errors.groupId = "Vælg deltagergruppen";
    if (Object.keys(errors).length) throw new FieldValidationError(errors);
  }
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(criterionLogSources)
      .where(eq(criterionLogSources.criterionId, criterionId));
    if (source) {
      const columns = {
        metric: source.metric,
        kindId: source.kindId,
        groupId: source.metric === "participant_sum" ? source.groupId : null,
        updatedBy: user.id,
        updatedAt: sql`now()` as unknown as Date,
      };
      await tx
        .insert(criterionLogSources)
        .values({ criterionId, ...columns })
        .onConflictDoUpdate({ target: criterionLogSources.criterionId, set: columns });
    } else {
      await tx.delete(criterionLogSources).where(eq(criterionLogSources.criterionId, criterionId));
    }
    await recordAudit(tx, {
      user,
      action: "criterion_log_source.save",
      entityType: "success_criterion",
      entityId: criterionId,
      planId,
      before: before ?? null,
      after: source,
    });
  });
}

export interface LogValue {
  value: number | null;
  metric: LogMetric;
  /** "Aktivitetsloggen: 14 tryghedsvandringer i 2026". */
  sourceText: string;
}

/**
 * The year's value from the log for each of the agreement's criteria that has a log source
 * (criterion id → value). Any member of the plan. Four queries, whatever the number of events.
 */
export async function logValuesFor(
  db: Db,
  user: SessionUser,
  agreementId: number,
  year: number,
): Promise<Map<number, LogValue>> {
  await requireAgreementAccess(db, user, agreementId);
  return logValuesOfAgreement(db, agreementId, year);
}

/**
 * logValuesFor without the access check, for a model that has already checked the user's role
 * on the agreement's plan (the measurement grid). Two queries.
 */
export async function logValuesOfAgreement(
  db: Db,
  agreementId: number,
  year: number,
): Promise<Map<number, LogValue>> {
  const [sources, events] = await Promise.all([
    selectSources(db, agreementId),
    db
      .select({
        activityId: logEvents.activityId,
        date: logEvents.date,
        kindId: logEvents.kindId,
        groupIds: sql<
          number[] | null
        >`(select array_agg(p.group_id order by p.group_id) from log_event_participants p where p.event_id = log_events.id)`,
        counts: sql<
          number[] | null
        >`(select array_agg(p.count order by p.group_id) from log_event_participants p where p.event_id = log_events.id)`,
        statuses: sql<
          string[] | null
        >`(select array_agg(a.status::text) from log_actions a join log_findings f on f.id = a.finding_id where f.event_id = log_events.id)`,
      })
      .from(logEvents)
      .where(
        and(
          inArray(
            logEvents.activityId,
            db
              .select({ id: activities.id })
              .from(activities)
              .where(eq(activities.agreementId, agreementId)),
          ),
          gte(logEvents.date, `${year}-01-01`),
          lt(logEvents.date, `${year + 1}-01-01`),
        ),
      ),
  ]);
  const byActivity = new Map<number, LogMetricEvent[]>();
  for (const e of events) {
    const groupIds = toArray(e.groupIds).map(Number);
    const counts = toArray(e.counts).map(Number);
    const event: LogMetricEvent = {
      date: e.date,
      kindId: e.kindId,
      participants: groupIds.map((groupId, i) => ({ groupId, count: counts[i] ?? 0 })),
      actions: toArray(e.statuses).map((status) => ({ status: status as LogActionStatus })),
    };
    const list = byActivity.get(e.activityId) ?? [];
    list.push(event);
    byActivity.set(e.activityId, list);
  }
  const all = [...byActivity.values()].flat();
  const values = new Map<number, LogValue>();
  for (const s of sources) {
    const chosen = s.activityId != null ? (byActivity.get(s.activityId) ?? []) : all;
    const value = computeLogValue(s, chosen, year);
    values.set(s.criterionId, {
      value,
      metric: s.metric,
      sourceText: logSourceText(s, value, year, { kind: s.kind, group: s.group }),
    });
  }
  return values;
}

/** A PostgreSQL array as the driver gives it: already an array, or (unknown types) "{a,b}". */
function toArray(value: unknown): string[] {
  if (value == null) return [];
  if (Array.isArray(value)) return value.map(String);
  const text = String(value);
  return text.length > 2 ? text.slice(1, -1).split(",") : [];
}
