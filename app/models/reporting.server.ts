/**
 * Reporting overviews: the plans whose yearly report deadline the dashboard shows, and each
 * criterion's latest measured status for the plan page. Both in a fixed number of queries.
 */
import { and, asc, desc, eq, gte, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  activities,
  agreements,
  focusAreas,
  measurements,
  planMemberships,
  plans,
  progressReports,
  successCriteria,
} from "../../db/schema";
import {
  countLatestStatuses,
  type LatestMeasurement,
  type ReportDeadline,
  type ReportingPlan,
  type ReportStatus,
  type StatusCounts,
} from "~/domain/reporting";
import type { DeadlineState } from "~/domain/revision";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";
import { criteriaInDocumentOrder } from "./criteria.server";
import { danishOrder, reportDeadlineSql } from "./internal/deadline-sql.server";
import { preparedPerDb } from "./internal/prepared.server";

/**
 * The user's plans (all for admins) with their period, report deadline and the status of their
 * report on `year`. One query.
 */
export async function listReportDeadlines(
  db: Db,
  user: SessionUser,
  year: number,
): Promise<ReportingPlan[]> {
  const query = db
    .select({
      planId: plans.id,
      planName: plans.name,
      periodStart: plans.periodStart,
      periodEnd: plans.periodEnd,
      reportDueMonthDay: plans.reportDueMonthDay,
      reportStatus: progressReports.status,
    })
    .from(plans)
    .leftJoin(
      progressReports,
      and(eq(progressReports.planId, plans.id), eq(progressReports.year, year)),
    );
  return (
    user.isAdmin
      ? query
      : query.innerJoin(
          planMemberships,
          and(eq(planMemberships.planId, plans.id), eq(planMemberships.userId, user.id)),
        )
  ).orderBy(asc(plans.name), asc(plans.id));
}

/** The first report deadlines of every plan (`limit` of them), and how many there are in all. */
export interface SectorReportDeadlines {
  rows: ReportDeadline[];
  total: number;
  /** The reports not yet final. */
  open: number;
  overdue: number;
}

/**
 * Every plan's report deadline, as reportDeadlinesToShow computes it from listReportDeadlines
 * (an administrator's, with the report status of `statusYear`), computed in the query: the plans
 * whose period touches the year before `today`'s, due on the plan's day in `today`'s year, final
 * reports "ok", overdue first, then the earliest due, then by name (Danish order); the first
 * `limit` of them, with the totals. One query; the sector's 200 plans never leave the database.
 * No access check: for administrators only (the caller checks).
 */
export async function listSectorReportDeadlines(
  db: Db,
  statusYear: number,
  today: string,
  limit: number,
): Promise<SectorReportDeadlines> {
  const year = Number(today.slice(0, 4)) - 1;
  const deadlines = db
    .select({
      planId: sql<number>`${plans.id}`.as("plan_id"),
      planName: sql<string>`${plans.name}`.as("plan_name"),
      reportStatus: sql<ReportStatus | null>`${progressReports.status}`.as("report_status"),
      due: sql<string>`${reportDeadlineSql(sql`${year}`, plans.reportDueMonthDay)}`.as("due"),
    })
    .from(plans)
    .leftJoin(
      progressReports,
      and(eq(progressReports.planId, plans.id), eq(progressReports.year, statusYear)),
    )
    .where(and(lte(plans.periodStart, `${year}-12-31`), gte(plans.periodEnd, `${year}-01-01`)))
    .as("deadlines");
  const todayDate = sql`${today}::date`;
  const isFinal = sql`${deadlines.reportStatus} is not distinct from 'final'`;
  const notFinal = sql`${deadlines.reportStatus} is distinct from 'final'`;
  const isOverdue = sql`${notFinal} and ${deadlines.due} < ${todayDate}`;
  const state = sql<DeadlineState>`case when ${isFinal} then 'ok'
      when ${deadlines.due} < ${todayDate} then 'overdue'
      when ${deadlines.due} <= ${todayDate} + 60 then 'soon' else 'ok' end`;
  const rows = await db
    .select({
      planId: deadlines.planId,
      planName: deadlines.planName,
      due: sql<string>`to_char(${deadlines.due}, 'YYYY-MM-DD')`,
      state,
      reportStatus: deadlines.reportStatus,
      total: sql<number>`count(*) over ()`.mapWith(Number),
      open: sql<number>`count(*) filter (where ${notFinal}) over ()`.mapWith(Number),
      overdue: sql<number>`count(*) filter (where ${isOverdue}) over ()`.mapWith(Number),
    })
    .from(deadlines)
    .orderBy(
      sql`case when ${isOverdue} then 0
        when ${notFinal} and ${deadlines.due} <= ${todayDate} + 60 then 1 else 2 end`,
      asc(deadlines.due),
      danishOrder(deadlines.planName),
      // The order listReportDeadlines read them in, which the sort kept for equal names.
      asc(deadlines.planName),
      asc(deadlines.planId),
    )
    .limit(limit);
  return {
    rows: rows.map(({ total: _t, open: _o, overdue: _v, ...r }) => ({
      planId: r.planId,
      planName: r.planName,
      year,
      due: r.due,
      state: r.state,
      reportStatus: r.reportStatus ?? null,
    })),
    total: rows[0]?.total ?? 0,
    open: rows[0]?.open ?? 0,
    overdue: rows[0]?.overdue ?? 0,
  };
}

export interface CriterionOverview {
  id: number;
  text: string;
  /** Null for the agreement's own criteria. */
  activityName: string | null;
  latest: LatestMeasurement | null;
}

export interface AgreementCriteriaOverview {
  agreementId: number;
  focusArea: string;
  criteria: CriterionOverview[];
  counts: StatusCounts;
}

/** The criteria overview's two queries, built once per database handle. */
const criteriaOverviewQueries = preparedPerDb((db) => ({
  rows: db
    .select({
      agreementId: agreements.id,
      focusArea: focusAreas.name,
      criterionId: successCriteria.id,
      text: successCriteria.text,
      activityName: activities.name,
    })
    .from(agreements)
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
    // Left joins: an agreement without criteria still gets its heading.
    // The agreement's current criteria (not those retired from it).
    .leftJoin(
      successCriteria,
      and(eq(successCriteria.agreementId, agreements.id), isNull(successCriteria.retiredAt)),
    )
    .leftJoin(activities, eq(activities.id, successCriteria.activityId))
    .where(eq(agreements.planId, sql.placeholder("planId")))
    .orderBy(asc(focusAreas.position), asc(agreements.id), ...criteriaInDocumentOrder)
    .prepare("plan_criteria_overview"),
  latest: db
    .selectDistinctOn([measurements.criterionId], {
      criterionId: measurements.criterionId,
      year: measurements.year,
      status: measurements.status,
    })
    .from(measurements)
    .innerJoin(successCriteria, eq(successCriteria.id, measurements.criterionId))
    .innerJoin(agreements, eq(agreements.id, successCriteria.agreementId))
    .where(eq(agreements.planId, sql.placeholder("planId")))
    .orderBy(measurements.criterionId, desc(measurements.year))
    .prepare("plan_latest_measurements"),
}));

/**
 * Every criterion of every agreement of the plan (the agreement's own, then each activity's, in
 * the document's order) with its latest measurement: the highest year measured. Two queries,
 * whatever the number of agreements and criteria (after the plan's access check). Members only.
 */
export async function getPlanCriteriaOverview(
  db: Db,
  user: SessionUser,
  planId: number,
): Promise<AgreementCriteriaOverview[]> {
  await requirePlanRole(db, user, planId);
  const queries = criteriaOverviewQueries(db);
  const [rows, latest] = await Promise.all([
    queries.rows.execute({ planId }),
    queries.latest.execute({ planId }),
  ]);
  const latestByCriterion = new Map(
    latest.map((m) => [m.criterionId, { year: m.year, status: m.status }]),
  );
  const overview: AgreementCriteriaOverview[] = [];
  for (const row of rows) {
    let agreement = overview[overview.length - 1];
    if (agreement?.agreementId !== row.agreementId) {
      agreement = {
        agreementId: row.agreementId,
        focusArea: row.focusArea,
        criteria: [],
        counts: countLatestStatuses([]),
      };
      overview.push(agreement);
    }
    if (row.criterionId == null || row.text == null) continue;
    agreement.criteria.push({
      id: row.criterionId,
      text: row.text,
      activityName: row.activityName,
      latest: latestByCriterion.get(row.criterionId) ?? null,
    });
  }
  for (const agreement of overview) agreement.counts = countLatestStatuses(agreement.criteria);
  return overview;
}
