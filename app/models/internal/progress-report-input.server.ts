/**
 * The rows a plan's progress report is built from, read in a fixed number of queries. Unscoped:
 * app/models/progress-reports.server.ts checks the user's plan role first.
 */
import { and, asc, between, eq, sql, type Placeholder, type SQL } from "drizzle-orm";
import { alias, unionAll } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/client";
import {
  activities,
  agreements,
  budgetAmounts,
  spending,
  focusAreas,
  fundingSources,
  logEventKinds,
  logEventParticipants,
  logEvents,
  logParticipantGroups,
  measurements,
  organisations,
  plans,
  progressReports,
  successCriteria,
  users,
} from "../../../db/schema";
import { type ProgressReportInput, type ProgressReportRecord } from "~/domain/progress-report";
import { ENDED_LABEL } from "~/domain/retired";
import { type RichText } from "~/domain/rich-text";
import { criteriaInDocumentOrder, criterionColumns } from "../criteria.server";
import { selectMilestoneRecords } from "../milestones.server";
import { preparedPerDb } from "./prepared.server";
import {
  activityShownInYear,
  criterionShownInYear,
  fundingSourceShownInYear,
} from "../retired.server";

/** A plan's agreements with their focus area and validity, in the document's order. */
export function selectPlanAgreements(db: Db, ofPlan: SQL) {
  return db
    .select({
      id: agreements.id,
      focusArea: focusAreas.name,
      validFrom: agreements.validFrom,
      validTo: agreements.validTo,
    })
    .from(agreements)
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
    .where(ofPlan)
    .orderBy(asc(focusAreas.position), asc(agreements.id));
}

const finaliser = alias(users, "finaliser");
const reopener = alias(users, "reopener");

function selectReport(db: Db, planId: number | Placeholder, year: number | Placeholder) {
  return db
    .select({
      id: progressReports.id,
      status: progressReports.status,
      version: progressReports.version,
      summary: progressReports.summary,
      whatWorked: progressReports.whatWorked,
      nextYear: progressReports.nextYear,
      activityNotes: progressReports.activityNotes,
      snapshot: progressReports.snapshot,
      finalisedAt: progressReports.finalisedAt,
      finalisedBy: finaliser.name,
      reopenedAt: progressReports.reopenedAt,
      reopenedBy: reopener.name,
      reopenReason: progressReports.reopenReason,
    })
    .from(progressReports)
    .leftJoin(finaliser, eq(finaliser.id, progressReports.finalisedBy))
    .leftJoin(reopener, eq(reopener.id, progressReports.reopenedBy))
    .where(and(eq(progressReports.planId, planId), eq(progressReports.year, year)));
}

export type ReportRow = Awaited<ReturnType<ReturnType<typeof selectReport>["execute"]>>[number];

function toRecord(row: ReportRow): ProgressReportRecord {
  return {
    status: row.status,
    summary: (row.summary as RichText | null) ?? null,
    whatWorked: (row.whatWorked as RichText | null) ?? null,
    nextYear: (row.nextYear as RichText | null) ?? null,
    activityNotes: row.activityNotes,
    finalisedAt: row.finalisedAt?.toISOString() ?? null,
    finalisedBy: row.finalisedBy,
    reopenedAt: row.reopenedAt?.toISOString() ?? null,
    reopenedBy: row.reopenedBy,
    reopenReason: row.reopenReason,
  };
}

/** "Lektiecafé (afsluttet)" for a retired row; the name as it is otherwise. */
function withEndedMark(name: string, retiredAt: Date | null): string {
  return retiredAt ? `${name} (${ENDED_LABEL.toLocaleLowerCase("da")})` : name;
}

/**
 * The year's activity log counted per activity in one query: events per kind and participants
 * per group (the union of both, told apart by which name is set), whatever the number of events.
 */
function selectLogCounts(
  db: Db,
  planId: Placeholder,
  yearStart: Placeholder,
  yearEnd: Placeholder,
) {
  const inYear = and(eq(logEvents.planId, planId), between(logEvents.date, yearStart, yearEnd));
  const byKind = db
    .select({
      activityId: logEvents.activityId,
      kind: sql<string | null>`${logEventKinds.name}`.as("kind"),
      group: sql<string | null>`null::text`.as("group"),
      position: logEventKinds.position,
      count: sql<number>`count(*)::int`.as("count"),
    })
    .from(logEvents)
    .innerJoin(logEventKinds, eq(logEventKinds.id, logEvents.kindId))
    .where(inYear)
    .groupBy(logEvents.activityId, logEventKinds.id);
  const byGroup = db
    .select({
      activityId: logEvents.activityId,
      kind: sql<string | null>`null::text`.as("kind"),
      group: sql<string | null>`${logParticipantGroups.name}`.as("group"),
      position: logParticipantGroups.position,
      count: sql<number>`coalesce(sum(${logEventParticipants.count}), 0)::int`.as("count"),
    })
    .from(logEventParticipants)
    .innerJoin(logEvents, eq(logEvents.id, logEventParticipants.eventId))
    .innerJoin(logParticipantGroups, eq(logParticipantGroups.id, logEventParticipants.groupId))
    .where(inYear)
    .groupBy(logEvents.activityId, logParticipantGroups.id);
  // A select from the union (a union itself cannot be prepared).
  return db.select().from(unionAll(byKind, byGroup).as("log_counts"));
}

function toLogCountRow(row: Awaited<ReturnType<typeof selectLogCounts>>[number]) {
  const { activityId, position, count } = row;
  return row.kind !== null
    ? { activityId, position, count, kind: row.kind, group: null }
    : { activityId, position, count, kind: null, group: row.group ?? "" };
}

/** The report's queries, built once per database handle (placeholders: planId, year, …). */
const reportQueries = preparedPerDb((db) => {
  const planId = sql.placeholder("planId");
  const year = sql.placeholder("year");
  const ofPlan = eq(agreements.planId, planId);
  return {
    plan: db
      .select({
        id: plans.id,
        name: plans.name,
        periodStart: plans.periodStart,
        periodEnd: plans.periodEnd,
        reportDueMonthDay: plans.reportDueMonthDay,
      })
      .from(plans)
      .where(eq(plans.id, planId))
      .prepare("report_plan"),
    report: selectReport(db, planId, year).prepare("report_row"),
    agreements: selectPlanAgreements(db, ofPlan).prepare("report_agreements"),
    activities: db
      .select({
        id: activities.id,
        agreementId: activities.agreementId,
        name: activities.name,
        retiredAt: activities.retiredAt,
      })
      .from(activities)
      .innerJoin(agreements, eq(agreements.id, activities.agreementId))
      .where(and(ofPlan, activityShownInYear(year)))
      .orderBy(asc(activities.position), asc(activities.id))
      .prepare("report_activities"),
    criteria: db
      .select({ ...criterionColumns, agreementId: successCriteria.agreementId })
      .from(successCriteria)
      .innerJoin(agreements, eq(agreements.id, successCriteria.agreementId))
      .leftJoin(activities, eq(activities.id, successCriteria.activityId))
      .where(and(ofPlan, criterionShownInYear(year)))
      .orderBy(...criteriaInDocumentOrder)
      .prepare("report_criteria"),
    measurements: db
      .select({
        criterionId: measurements.criterionId,
        valueNumber: measurements.valueNumber,
        valueText: measurements.valueText,
        unit: measurements.unit,
        status: measurements.status,
        overrideReason: measurements.overrideReason,
        comment: measurements.comment,
        source: measurements.source,
        logValue: measurements.logValue,
        valueOverrideReason: measurements.valueOverrideReason,
      })
      .from(measurements)
      .innerJoin(successCriteria, eq(successCriteria.id, measurements.criterionId))
      .innerJoin(agreements, eq(agreements.id, successCriteria.agreementId))
      .where(and(ofPlan, eq(measurements.year, year)))
      .prepare("report_measurements"),
    sources: db
      .select({
        id: fundingSources.id,
        agreementId: fundingSources.agreementId,
        kind: fundingSources.kind,
        name: fundingSources.name,
        organisationName: organisations.name,
        retiredAt: fundingSources.retiredAt,
        periodTotal: fundingSources.periodTotal,
      })
      .from(fundingSources)
      .innerJoin(agreements, eq(agreements.id, fundingSources.agreementId))
      .leftJoin(organisations, eq(organisations.id, fundingSources.organisationId))
      .where(and(ofPlan, fundingSourceShownInYear(year)))
      .orderBy(asc(fundingSources.position), asc(fundingSources.id))
      .prepare("report_sources"),
    amounts: db
      .select({
        sourceId: budgetAmounts.fundingSourceId,
        year: budgetAmounts.year,
        amount: budgetAmounts.amount,
      })
      .from(budgetAmounts)
      .innerJoin(fundingSources, eq(fundingSources.id, budgetAmounts.fundingSourceId))
      .innerJoin(agreements, eq(agreements.id, fundingSources.agreementId))
      .where(and(ofPlan, fundingSourceShownInYear(year)))
      .prepare("report_amounts"),
    spent: db
      .select({ sourceId: spending.fundingSourceId, amount: spending.amount })
      .from(spending)
      .innerJoin(fundingSources, eq(fundingSources.id, spending.fundingSourceId))
      .innerJoin(agreements, eq(agreements.id, fundingSources.agreementId))
      .where(and(ofPlan, eq(spending.year, year)))
      .prepare("report_spent"),
    logCounts: selectLogCounts(
      db,
      planId,
      sql.placeholder("yearStart"),
      sql.placeholder("yearEnd"),
    ).prepare("report_log_counts"),
  };
});

/**
 * The rows the report is built from, in eleven queries run together (prepared once per database
 * handle), whatever the number of agreements, activities, criteria and funding sources. Returns
 * null for an unknown plan.
 */
export async function loadProgressReportInput(
  db: Db,
  planId: number,
  year: number,
): Promise<{ input: ProgressReportInput; row: ReportRow | null } | null> {
  const q = reportQueries(db);
  const values = { planId, year };
  const [
    [plan],
    [row],
    agreementRows,
    activityRows,
    criterionRows,
    measurementRows,
    sourceRows,
    amountRows,
    spentRows,
    logRows,
    milestoneRecords,
  ] = await Promise.all([
    q.plan.execute({ planId }),
    q.report.execute(values),
    q.agreements.execute({ planId }),
    q.activities.execute(values),
    q.criteria.execute(values),
    q.measurements.execute(values),
    q.sources.execute(values),
    q.amounts.execute(values),
    q.spent.execute(values),
    q.logCounts.execute({ planId, yearStart: `${year}-01-01`, yearEnd: `${year}-12-31` }),
    selectMilestoneRecords(db, planId, { years: [year, year + 1] }),
  ]);
  if (!plan) return null;
  return {
    row: row ?? null,
    input: {
      plan,
      year,
      report: row ? toRecord(row) : null,
      agreements: agreementRows,
      // Rows retired from the agreement since (with their figures kept) are marked as ended.
      activities: activityRows.map(({ retiredAt, ...a }) => ({
        ...a,
        name: withEndedMark(a.name, retiredAt),
      })),
      criteria: criterionRows.map(({ retiredAt, ...c }) => ({
        ...c,
        text: withEndedMark(c.text, retiredAt),
        dataSource: c.dataSource ?? "",
      })),
      measurements: measurementRows,
      fundingSources: sourceRows.map((s) => ({
        id: s.id,
        agreementId: s.agreementId,
        kind: s.kind,
        periodTotal: s.periodTotal === null ? null : Number(s.periodTotal),
        label: withEndedMark(
          s.kind === "lbf"
            ? (s.name ?? "Landsbyggefonden")
            : (s.name ?? s.organisationName ?? "Lokal medfinansiering"),
          s.retiredAt,
        ),
      })),
      budgetAmounts: amountRows.map((a) => ({ ...a, amount: Number(a.amount) })),
      spent: spentRows.map((s) => ({ sourceId: s.sourceId, amount: Number(s.amount) })),
      logCounts: logRows.map(toLogCountRow),
      milestones: milestoneRecords,
    },
  };
}
