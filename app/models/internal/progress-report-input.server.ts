/**
 * The rows a plan's progress report is built from, read in a fixed number of queries. Unscoped:
 * app/models/progress-reports.server.ts checks the user's plan role first.
 */
import { and, asc, between, eq, sql } from "drizzle-orm";
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
import {
  activityShownInYear,
  criterionShownInYear,
  fundingSourceShownInYear,
} from "../retired.server";

const finaliser = alias(users, "finaliser");
const reopener = alias(users, "reopener");

export function selectReport(db: Db, planId: number, year: number) {
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

export type ReportRow = Awaited<ReturnType<typeof selectReport>>[number];

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
export function selectLogCounts(db: Db, planId: number, year: number) {
  const inYear = and(
    eq(logEvents.planId, planId),
    between(logEvents.date, `${year}-01-01`, `${year}-12-31`),
  );
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
  return unionAll(byKind, byGroup);
}

function toLogCountRow(row: Awaited<ReturnType<typeof selectLogCounts>>[number]) {
  const { activityId, position, count } = row;
  return row.kind !== null
    ? { activityId, position, count, kind: row.kind, group: null }
    : { activityId, position, count, kind: null, group: row.group ?? "" };
}

/**
 * The rows the report is built from, in ten queries run together, whatever the number of
 * agreements, activities, criteria and funding sources. Returns null for an unknown plan.
 */
export async function loadProgressReportInput(
  db: Db,
  planId: number,
  year: number,
): Promise<{ input: ProgressReportInput; row: ReportRow | null } | null> {
  const ofPlan = eq(agreements.planId, planId);
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
  ] = await Promise.all([
    db
      .select({
        id: plans.id,
        name: plans.name,
        periodStart: plans.periodStart,
        periodEnd: plans.periodEnd,
        reportDueMonthDay: plans.reportDueMonthDay,
      })
      .from(plans)
      .where(eq(plans.id, planId)),
    selectReport(db, planId, year),
    db
      .select({
        id: agreements.id,
        focusArea: focusAreas.name,
        validFrom: agreements.validFrom,
        validTo: agreements.validTo,
      })
      .from(agreements)
      .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
      .where(ofPlan)
      .orderBy(asc(focusAreas.position), asc(agreements.id)),
    db
      .select({
        id: activities.id,
        agreementId: activities.agreementId,
        name: activities.name,
        retiredAt: activities.retiredAt,
      })
      .from(activities)
      .innerJoin(agreements, eq(agreements.id, activities.agreementId))
      .where(and(ofPlan, activityShownInYear(year)))
      .orderBy(asc(activities.position), asc(activities.id)),
    db
      .select({ ...criterionColumns, agreementId: successCriteria.agreementId })
      .from(successCriteria)
      .innerJoin(agreements, eq(agreements.id, successCriteria.agreementId))
      .leftJoin(activities, eq(activities.id, successCriteria.activityId))
      .where(and(ofPlan, criterionShownInYear(year)))
      .orderBy(...criteriaInDocumentOrder),
    db
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
      .where(and(ofPlan, eq(measurements.year, year))),
    db
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
      .orderBy(asc(fundingSources.position), asc(fundingSources.id)),
    db
      .select({
        sourceId: budgetAmounts.fundingSourceId,
        year: budgetAmounts.year,
        amount: budgetAmounts.amount,
      })
      .from(budgetAmounts)
      .innerJoin(fundingSources, eq(fundingSources.id, budgetAmounts.fundingSourceId))
      .innerJoin(agreements, eq(agreements.id, fundingSources.agreementId))
      .where(and(ofPlan, fundingSourceShownInYear(year))),
    db
      .select({ sourceId: spending.fundingSourceId, amount: spending.amount })
      .from(spending)
      .innerJoin(fundingSources, eq(fundingSources.id, spending.fundingSourceId))
      .innerJoin(agreements, eq(agreements.id, fundingSources.agreementId))
      .where(and(ofPlan, eq(spending.year, year))),
    selectLogCounts(db, planId, year),
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
      milestones: await selectMilestoneRecords(db, planId, { years: [year, year + 1] }),
    },
  };
}
