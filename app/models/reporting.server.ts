/**
 * Reporting overviews: the plans whose yearly report deadline the dashboard shows, and each
 * criterion's latest measured status for the plan page. Both in a fixed number of queries.
 */
import { and, asc, desc, eq, isNull } from "drizzle-orm";
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
  type ReportingPlan,
  type StatusCounts,
} from "~/domain/reporting";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";
import { criteriaInDocumentOrder } from "./criteria.server";

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
  const [rows, latest] = await Promise.all([
    db
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
      .where(eq(agreements.planId, planId))
      .orderBy(asc(focusAreas.position), asc(agreements.id), ...criteriaInDocumentOrder),
    db
      .selectDistinctOn([measurements.criterionId], {
        criterionId: measurements.criterionId,
        year: measurements.year,
        status: measurements.status,
      })
      .from(measurements)
      .innerJoin(successCriteria, eq(successCriteria.id, measurements.criterionId))
      .innerJoin(agreements, eq(agreements.id, successCriteria.agreementId))
      .where(eq(agreements.planId, planId))
      .orderBy(measurements.criterionId, desc(measurements.year)),
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
