/**
 * The rows deadlines are made of (app/domain/calendar.ts turns them into deadlines), shared by the
 * calendar (scoped to what a user may see) and the reminders job (every plan and fund, in a window
 * of dates). Each is one query whatever the number of plans or funds; the caller adds the
 * condition, and no function here checks access.
 */
import { and, asc, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import { alias, type PgSelect } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/client";
import {
  dispositionFunds,
  fundApplications,
  fundGrantYears,
  fundGrants,
  fundReports,
  milestones,
  organisations,
  plans,
  progressReports,
  selfEvaluations,
} from "../../../db/schema";

/**
 * Plans with their statusrapport settings and the years that have a final report. The subquery
 * names `plans.id` in plain SQL: drizzle leaves a column unqualified in a one-table select, which
 * inside a subquery would bind to the subquery's own table.
 */
export function selectPlanReportRows(db: Db, where: SQL | undefined) {
  const finalYears = sql<number[]>`coalesce((select array_agg(pr.year order by pr.year)
      from ${progressReports} pr where pr.plan_id = plans.id and pr.status = 'final'), '{}')`;
  return db
    .select({
      planId: plans.id,
      planName: plans.name,
      periodStart: plans.periodStart,
      periodEnd: plans.periodEnd,
      reportDueMonthDay: plans.reportDueMonthDay,
      offsets: plans.reminderOffsetDays,
      finalYears,
    })
    .from(plans)
    .where(where)
    .orderBy(asc(plans.id));
}

/** Milestones with their plan's name and reminder offsets. */
export function selectMilestoneRows(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: milestones.id,
      planId: milestones.planId,
      planName: plans.name,
      offsets: plans.reminderOffsetDays,
      title: milestones.title,
      dueDate: milestones.dueDate,
      year: milestones.year,
      quarter: milestones.quarter,
      status: milestones.status,
      note: milestones.note,
    })
    .from(milestones)
    .innerJoin(plans, eq(plans.id, milestones.planId))
    .where(where)
    .orderBy(asc(milestones.id));
}

/** Self-evaluations that have a deadline, with their plan's name and reminder offsets. */
export function selectSelfEvaluationRows(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: selfEvaluations.id,
      planId: selfEvaluations.planId,
      planName: plans.name,
      offsets: plans.reminderOffsetDays,
      title: selfEvaluations.title,
      funder: selfEvaluations.funder,
      dueDate: sql<string>`${selfEvaluations.dueDate}`,
    })
    .from(selfEvaluations)
    .innerJoin(plans, eq(plans.id, selfEvaluations.planId))
    .where(and(isNotNull(selfEvaluations.dueDate), where))
    .orderBy(asc(selfEvaluations.id));
}

/** A grant's estate: the organisations table under the name every grant-year query gives it. */
export const grantEstate = alias(organisations, "estate");

/**
 * fund_grant_years joined to its grant, the application, the fund, the estate (grantEstate) and,
 * when there is one, the year's report: what every query of grant years reads from.
 */
export function joinGrantYears<T extends PgSelect>(query: T) {
  return query
    .innerJoin(fundGrants, eq(fundGrants.id, fundGrantYears.grantId))
    .innerJoin(fundApplications, eq(fundApplications.id, fundGrants.applicationId))
    .innerJoin(dispositionFunds, eq(dispositionFunds.id, fundGrants.fundId))
    .innerJoin(grantEstate, eq(grantEstate.id, fundGrants.estateId))
    .leftJoin(
      fundReports,
      and(
        eq(fundReports.grantId, fundGrantYears.grantId),
        eq(fundReports.year, fundGrantYears.year),
      ),
    );
}

/**
 * Every year of every grant (its report's deadline), with the report's state and the fund's
 * offsets. The condition may name fund_reports (its status) as well as the joined tables.
 */
export function selectGrantYearRows(db: Db, where: SQL | undefined) {
  const estate = grantEstate;
  return joinGrantYears(
    db
      .select({
        fundId: fundGrants.fundId,
        fundName: dispositionFunds.name,
        organisationId: dispositionFunds.organisationId,
        offsets: dispositionFunds.reminderOffsetDays,
        grantId: fundGrants.id,
        applicationId: fundGrants.applicationId,
        estateId: fundGrants.estateId,
        title: fundApplications.title,
        estateName: estate.name,
        year: fundGrantYears.year,
        amount: fundGrantYears.amount,
        reportDueMonthDay: dispositionFunds.reportDueMonthDay,
        reportStatus: fundReports.status,
      })
      .from(fundGrantYears)
      .$dynamic(),
  )
    .where(where)
    .orderBy(asc(fundGrants.id), asc(fundGrantYears.year));
}
