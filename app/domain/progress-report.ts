/**
 * The yearly progress report (statusrapport) of a plan: one view object assembled from the plan's
 * agreements, criteria, measurements, activities, budgets and spend of the year, plus the
 * reporter's narrative. The report page, the Word document and the Excel workbook all render this
 * view; a final report stores it as its snapshot. Pure and client-safe.
 */
import { budgetYears, richTextField } from "./agreement";
import { toCriterionView, type CriterionRecord, type MeasureView } from "./agreement-view";
import { computeBudget, type BudgetSourceInput } from "./budget";
import { formatInteger, formatNumber } from "./format";
import {
  measurementStatusLabels,
  NO_MEASUREMENT_LABEL,
  suggestStatus,
  type MeasurementStatus,
  type StoredMeasurement,
} from "./measurement";
import { buildReportMilestones, type MilestoneRecord, type ReportMilestones } from "./milestone";
import { reportDeadline, type ReportStatus } from "./reporting";
import { richTextToMarkdown, type RichText } from "./rich-text";
import type { PlanAccessRole } from "./roles";
import { compareSpending, type SpendingComparison, type SpentAmount } from "./spending";
import { optionalText, requiredId, requiredText, z } from "./zod";

// The report's statuses live with its deadlines (./reporting), which need them.
export { REPORT_STATUSES, reportStatusLabels, type ReportStatus } from "./reporting";

/** Plan roles that write the report (admins always may); board and viewers read. */
export const REPORT_EDITOR_ROLES = ["reporter", "secretariat"] as const;

export function canEditReport(role: PlanAccessRole | null | undefined): boolean {
  return role === "admin" || (REPORT_EDITOR_ROLES as readonly string[]).includes(role ?? "");
}

/** The label of a report status cell: a measurement status, or none entered. */
export function reportStatusText(status: MeasurementStatus | null): string {
  return status ? measurementStatusLabels[status] : NO_MEASUREMENT_LABEL;
}

// --- the view -------------------------------------------------------------------------------

export type ReportCounts = Record<MeasurementStatus | "none", number>;

export interface ReportCriterionView {
  id: number;
  text: string;
  dataSource: string;
  /** Null for the agreement's own criteria. */
  activityName: string | null;
  baseline: MeasureView | null;
  target: MeasureView | null;
  /** The year's measurement; null when none was entered. */
  measurement: Omit<StoredMeasurement, "id" | "version"> | null;
  /** "42 %", the text result, or null when nothing was measured. */
  actualText: string | null;
  /** The stored status; null when no measurement was entered. */
  status: MeasurementStatus | null;
  /** The status value and target point to (null for text results or no numeric target). */
  suggestion: MeasurementStatus | null;
}

/** What the activity log says about an activity's year: events by kind, participants by group. */
export interface ReportActivityLog {
  eventCount: number;
  /** In the plan's order of event kinds; only kinds with events. */
  byKind: { kind: string; count: number }[];
  participantCount: number;
  /** In the plan's order of participant groups; only groups with participants counted. */
  byGroup: { group: string; count: number }[];
}

export interface ReportActivityView {
  id: number;
  name: string;
  /** The reporter's status note for the year. */
  note: string | null;
  /**
   * The year's counts from the activity log; null when nothing was logged. Absent in the
   * snapshots of reports finalised before the log existed.
   */
  log?: ReportActivityLog | null;
}

export interface ReportAgreementView {
  agreementId: number;
  focusArea: string;
  validFrom: string;
  validTo: string;
  criteria: ReportCriterionView[];
  activities: ReportActivityView[];
  spending: SpendingComparison;
  counts: ReportCounts;
}

export interface ProgressReportView {
  plan: { id: number; name: string; periodStart: string; periodEnd: string };
  year: number;
  status: ReportStatus;
  /** "Statusrapport 2025" */
  title: string;
  /** yyyy-MM-dd: when the report is due. */
  due: string;
  summary: RichText | null;
  whatWorked: RichText | null;
  nextYear: RichText | null;
  /** The agreements whose validity touches the year, in focus-area order. */
  agreements: ReportAgreementView[];
  counts: ReportCounts;
  /** The plan's budget and spend of the year, over all agreements. */
  spending: {
    budget: number;
    /** Period totals of sources without a yearly split: no budget for the year (see spending). */
    periodOnly: number;
    spent: number;
    lbfBudget: number;
    lbfSpent: number;
    /** Landsbyggefonden's share of the year's spend (0–1), or null when nothing is spent. */
    lbfShareOfSpend: number | null;
  };
  /** ISO timestamp and name; null while a draft. */
  finalised: { at: string; by: string | null } | null;
  /** The last reopening by an admin, if any. */
  reopened: { at: string; by: string | null; reason: string } | null;
  /** The year's milestones and next year's; absent in snapshots finalised before milestones. */
  milestones?: ReportMilestones | null;
}

export interface ProgressReportRecord {
  status: ReportStatus;
  summary: RichText | null;
  whatWorked: RichText | null;
  nextYear: RichText | null;
  activityNotes: Record<string, string>;
  finalisedAt: string | null;
  finalisedBy: string | null;
  reopenedAt: string | null;
  reopenedBy: string | null;
  reopenReason: string | null;
}

/** Everything the view is built from: the rows of a fixed number of queries. */
export interface ProgressReportInput {
  plan: {
    id: number;
    name: string;
    periodStart: string;
    periodEnd: string;
    reportDueMonthDay: string;
  };
  year: number;
  /** Null when nobody has saved the report yet. */
  report: ProgressReportRecord | null;
  /** In focus-area order. */
  agreements: { id: number; focusArea: string; validFrom: string; validTo: string }[];
  /** In document order within each agreement. */
  activities: { id: number; agreementId: number; name: string }[];
  /** The agreement's own criteria first, then each activity's, in document order. */
  criteria: (CriterionRecord & { agreementId: number; activityName: string | null })[];
  /** The year's measurements. */
  measurements: (Omit<StoredMeasurement, "id" | "version"> & { criterionId: number })[];
  /** In document order within each agreement. */
  fundingSources: (Omit<BudgetSourceInput, "amounts"> & { agreementId: number })[];
  budgetAmounts: { sourceId: number; year: number; amount: number }[];
  /** The year's spend. */
  spent: SpentAmount[];
  /**
   * The year's activity log, counted per activity: a row per event kind (`kind`, with the number
   * of events) and a row per participant group (`group`, with the participants summed).
   */
  logCounts: ReportLogCountRow[];
  /** The milestones of the report year and the next. */
  milestones?: MilestoneRecord[];
}

export type ReportLogCountRow = { activityId: number; position: number; count: number } & (
  { kind: string; group: null } | { kind: null; group: string }
);

export function emptyCounts(): ReportCounts {
  return { met: 0, partly_met: 0, not_met: 0, not_measured: 0, none: 0 };
}

function addCounts(into: ReportCounts, from: ReportCounts): void {
  for (const key of Object.keys(into) as (keyof ReportCounts)[]) into[key] += from[key];
}

function actualText(m: ReportCriterionView["measurement"]): string | null {
  if (!m) return null;
  if (m.valueNumber != null) {
    const unit = m.unit ? (m.unit === "%" ? " %" : ` ${m.unit}`) : "";
    return `${formatNumber(m.valueNumber)}${unit}`;
  }
  return m.valueText || null;
}

/** The log counts per activity, kinds and groups in the plan's order (`position`). */
export function activityLogCounts(
  rows: readonly ReportLogCountRow[],
): Map<number, ReportActivityLog> {
  const byActivity = new Map<number, ReportActivityLog>();
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  for (const row of sorted) {
    if (row.count <= 0) continue;
    let log = byActivity.get(row.activityId);
    if (!log) {
      log = { eventCount: 0, byKind: [], participantCount: 0, byGroup: [] };
      byActivity.set(row.activityId, log);
    }
    if (row.kind !== null) {
      log.eventCount += row.count;
      log.byKind.push({ kind: row.kind, count: row.count });
    } else {
      log.participantCount += row.count;
      log.byGroup.push({ group: row.group, count: row.count });
    }
  }
  return byActivity;
}

/** "Tryghedsvandring: 14" per kind, for the report's cells. */
export function logKindLines(log: ReportActivityLog): string[] {
  return log.byKind.map((k) => `${k.kind}: ${formatInteger(k.count)}`);
}

/** "Beboere: 120" per group, for the report's cells. */
export function logGroupLines(log: ReportActivityLog): string[] {
  return log.byGroup.map((g) => `${g.group}: ${formatInteger(g.count)}`);
}

/** Does any activity of the agreements have events in the log (old snapshots: no)? */
export function hasLogCounts(agreements: readonly Pick<ReportAgreementView, "activities">[]) {
  return agreements.some((a) => a.activities.some((act) => act.log));
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}

/** Does the validity (yyyy-MM-dd) touch the calendar year? */
function touchesYear(validFrom: string, validTo: string, year: number): boolean {
  return validFrom <= `${year}-12-31` && validTo >= `${year}-01-01`;
}

export function buildProgressReportView(input: ProgressReportInput): ProgressReportView {
  const { year, report } = input;
  const measurementByCriterion = new Map(input.measurements.map((m) => [m.criterionId, m]));
  const criteriaByAgreement = groupBy(input.criteria, (c) => c.agreementId);
  const activitiesByAgreement = groupBy(input.activities, (a) => a.agreementId);
  const sourcesByAgreement = groupBy(input.fundingSources, (s) => s.agreementId);
  const amountsBySource = groupBy(input.budgetAmounts, (a) => a.sourceId);
  const notes = report?.activityNotes ?? {};
  const logByActivity = activityLogCounts(input.logCounts);

  const counts = emptyCounts();
  const planSpending = { budget: 0, periodOnly: 0, spent: 0, lbfBudget: 0, lbfSpent: 0 };
  const agreements = input.agreements
    .filter((a) => touchesYear(a.validFrom, a.validTo, year))
    .map((a): ReportAgreementView => {
      const criteria = (criteriaByAgreement.get(a.id) ?? []).map((c): ReportCriterionView => {
        const stored = measurementByCriterion.get(c.id);
        const measurement = stored
          ? {
              valueNumber: stored.valueNumber,
              valueText: stored.valueText,
              unit: stored.unit,
              status: stored.status,
              overrideReason: stored.overrideReason,
              comment: stored.comment,
              source: stored.source,
              logValue: stored.logValue ?? null,
              valueOverrideReason: stored.valueOverrideReason ?? null,
            }
          : null;
        const view = toCriterionView(c);
        return {
          id: c.id,
          text: c.text,
          dataSource: c.dataSource,
          activityName: c.activityId != null ? c.activityName : null,
          baseline: view.baseline,
          target: view.target,
          measurement,
          actualText: actualText(measurement),
          status: measurement?.status ?? null,
          suggestion: suggestStatus({
            baselineValue: c.baselineValue,
            targetValue: c.targetValue,
            value: measurement?.valueNumber,
          }),
        };
      });
      const agreementCounts = emptyCounts();
      for (const c of criteria) agreementCounts[c.status ?? "none"] += 1;
      addCounts(counts, agreementCounts);

      const budget = computeBudget(
        budgetYears(a.validFrom, a.validTo),
        (sourcesByAgreement.get(a.id) ?? []).map((s) => ({
          id: s.id,
          kind: s.kind,
          label: s.label,
          periodTotal: s.periodTotal ?? null,
          amounts: (amountsBySource.get(s.id) ?? []).map((x) => ({
            year: x.year,
            amount: x.amount,
          })),
        })),
      );
      const sourceIds = new Set([...budget.lbf, ...budget.local].map((l) => l.id));
      const spending = compareSpending(
        budget,
        input.spent.filter((s) => sourceIds.has(s.sourceId)),
        year,
      );
      planSpending.budget += spending.total.budget;
      planSpending.periodOnly += spending.total.periodOnly;
      planSpending.spent += spending.total.spent;
      planSpending.lbfBudget += spending.lbfTotal.budget;
      planSpending.lbfSpent += spending.lbfTotal.spent;

      return {
        agreementId: a.id,
        focusArea: a.focusArea,
        validFrom: a.validFrom,
        validTo: a.validTo,
        criteria,
        activities: (activitiesByAgreement.get(a.id) ?? []).map((act) => ({
          id: act.id,
          name: act.name,
          note: notes[String(act.id)]?.trim() || null,
          log: logByActivity.get(act.id) ?? null,
        })),
        spending,
        counts: agreementCounts,
      };
    });

  return {
    plan: {
      id: input.plan.id,
      name: input.plan.name,
      periodStart: input.plan.periodStart,
      periodEnd: input.plan.periodEnd,
    },
    year,
    status: report?.status ?? "draft",
    title: `Statusrapport ${year}`,
    due: reportDeadline(year, input.plan.reportDueMonthDay),
    summary: report?.summary ?? null,
    whatWorked: report?.whatWorked ?? null,
    nextYear: report?.nextYear ?? null,
    agreements,
    counts,
    spending: {
      ...planSpending,
      lbfShareOfSpend: planSpending.spent > 0 ? planSpending.lbfSpent / planSpending.spent : null,
    },
    finalised:
      report?.status === "final" && report.finalisedAt
        ? { at: report.finalisedAt, by: report.finalisedBy }
        : null,
    reopened:
      report?.reopenedAt && report.reopenReason
        ? { at: report.reopenedAt, by: report.reopenedBy, reason: report.reopenReason }
        : null,
    milestones: input.milestones ? buildReportMilestones(input.milestones, year) : null,
  };
}

/** The calendar years a report can be written on: the plan's period up to last year. */
export function reportYears(periodStart: string, periodEnd: string, today: string): number[] {
  const lastFullYear = Number(today.slice(0, 4)) - 1;
  return budgetYears(periodStart, periodEnd).filter((y) => y <= lastFullYear);
}

// --- the forms --------------------------------------------------------------------------------

/** The reporter's part: the three narrative sections and a status note per activity. */
export const ProgressReportNarrativeSchema = z.object({
  summary: richTextField(),
  whatWorked: richTextField(),
  nextYear: richTextField(),
  activityNotes: z.preprocess(
    (v) => v ?? [],
    z
      .array(
        z.object({
          activityId: requiredId("Ukendt aktivitet"),
          note: optionalText(4000, { multiline: true }),
        }),
      )
      .max(500),
  ),
});
export type ProgressReportNarrative = z.output<typeof ProgressReportNarrativeSchema>;

/** An admin's reopening of a final report (the version travels as a hidden field). */
export const ReopenReportSchema = z.object({
  reason: requiredText("Skriv, hvorfor rapporten genåbnes", 2000, { multiline: true }),
});

/** The narrative form's default values from a view. */
export function narrativeFormValues(view: ProgressReportView) {
  return {
    summary: richTextToMarkdown(view.summary),
    whatWorked: richTextToMarkdown(view.whatWorked),
    nextYear: richTextToMarkdown(view.nextYear),
    activityNotes: view.agreements.flatMap((a) =>
      a.activities.map((act) => ({ activityId: String(act.id), note: act.note ?? "" })),
    ),
  };
}
